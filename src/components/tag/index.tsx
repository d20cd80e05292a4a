import type { ReactNode } from 'react';
import { Text } from '@tarojs/components';
import './index.scss';

export type TagTone = 'red' | 'neutral' | 'green' | 'amber';

export interface TagProps {
  /** Colour by meaning: red for roles and emphasis, green for done, amber for pending. */
  tone?: TagTone;
  /** Filled background instead of an outline. */
  solid?: boolean;
  className?: string;
  children?: ReactNode;
}

/** A short label (正式, 退休, 微信已绑定) in colours that keep WCAG AA contrast on white. */
export function Tag({ tone = 'neutral', solid = false, className, children }: TagProps) {
  const classes = ['xf-tag', `xf-tag--${tone}`, solid ? 'xf-tag--solid' : '', className].filter(Boolean).join(' ');
  return <Text className={classes}>{children}</Text>;
}
