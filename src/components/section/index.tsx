import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import './index.scss';

export interface SectionProps {
  /** Heading of the card; omit for a plain card. */
  title?: string;
  /** Right side of the heading, e.g. a link. */
  extra?: ReactNode;
  className?: string;
  children?: ReactNode;
}

/** A white card on the grey page, the building block of every screen. */
export function Section({ title, extra, className, children }: SectionProps) {
  const rootClass = ['xf-section', className].filter(Boolean).join(' ');
  return (
    <View className={rootClass}>
      {(title || extra) && (
        <View className="xf-section__header">
          {title && <Text className="xf-section__title">{title}</Text>}
          {extra}
        </View>
      )}
      {children}
    </View>
  );
}
