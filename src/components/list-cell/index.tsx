import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import './index.scss';

export interface ListCellProps {
  title: string;
  /** A second line under the title. */
  description?: string;
  /** Right side, e.g. a count and an arrow. */
  extra?: ReactNode;
  /** Makes the whole row one tap target. */
  onClick?: () => void;
  className?: string;
}

/** A row of a list card: title, optional description, optional right-hand text; tappable when onClick is set. */
export function ListCell({ title, description, extra, onClick, className }: ListCellProps) {
  const rootClass = ['xf-list-cell', onClick && 'xf-list-cell--clickable', className].filter(Boolean).join(' ');
  return (
    <View
      className={rootClass}
      role={onClick ? 'button' : undefined}
      hoverClass={onClick ? 'xf-list-cell--pressed' : 'none'}
      onClick={onClick}
    >
      <View className="xf-list-cell__main">
        <Text className="xf-list-cell__title">{title}</Text>
        {description && <Text className="xf-list-cell__description">{description}</Text>}
      </View>
      {extra !== undefined && <View className="xf-list-cell__extra">{extra}</View>}
    </View>
  );
}
