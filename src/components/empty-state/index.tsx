import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import './index.scss';

export interface EmptyStateProps {
  title: string;
  description?: string;
  /** A large glyph or short word drawn above the title; no images are fetched. */
  mark?: string;
  className?: string;
  children?: ReactNode;
}

/** An honest "nothing here yet", with an optional action below. */
export function EmptyState({ title, description, mark, className, children }: EmptyStateProps) {
  const rootClass = ['xf-empty-state', className].filter(Boolean).join(' ');
  return (
    <View className={rootClass}>
      {mark && <Text className="xf-empty-state__mark">{mark}</Text>}
      <Text className="xf-empty-state__title">{title}</Text>
      {description && <Text className="xf-empty-state__description">{description}</Text>}
      {children}
    </View>
  );
}
