import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import './index.scss';

export interface XfButtonProps {
  /** `primary`: party red, for the one main action of a screen; `default`: white with a border. */
  type?: 'primary' | 'default';
  /** `outline` draws a primary button as red text in a red border (secondary actions in lists). */
  fill?: 'solid' | 'outline';
  /** `large` is for the main action of a page; `normal` still meets the 88px tap-target minimum. */
  size?: 'normal' | 'large';
  /** Full width of the container. */
  block?: boolean;
  /** Shows a spinner and ignores taps while an action runs. */
  loading?: boolean;
  disabled?: boolean;
  onClick?: () => void;
  className?: string;
  children?: ReactNode;
}

/**
 * The app's button: a View with a button role rather than the platform <button>, so it looks the
 * same on weapp and H5 and carries no native default styles (weapp draws a border with ::after).
 */
export function XfButton({
  type = 'default',
  fill = 'solid',
  size = 'normal',
  block = false,
  loading = false,
  disabled = false,
  onClick,
  className,
  children,
}: XfButtonProps) {
  const inactive = disabled || loading;
  const rootClass = [
    'xf-button',
    `xf-button--${type}`,
    `xf-button--${fill}`,
    `xf-button--${size}`,
    block && 'xf-button--block',
    inactive && 'xf-button--inactive',
    className,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <View
      className={rootClass}
      role="button"
      aria-disabled={inactive}
      aria-busy={loading}
      hoverClass={inactive ? 'none' : 'xf-button--pressed'}
      onClick={() => {
        if (!inactive) onClick?.();
      }}
    >
      {loading && <View className="xf-button__spinner" />}
      {children}
    </View>
  );
}
