import { useEffect, useRef, useState, type ReactNode } from 'react';
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
  /**
   * When it returns a promise (an action that waits on the network), the button shows its
   * spinner at once and ignores further taps until the promise settles.
   */
  onClick?: () => void | Promise<unknown>;
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
  const [running, setRunning] = useState(false);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const busy = loading || running;
  const inactive = disabled || busy;
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
      aria-busy={busy}
      hoverClass={inactive ? 'none' : 'xf-button--pressed'}
      onClick={() => {
        if (inactive) return;
        const result = onClick?.();
        if (result && typeof (result as Promise<unknown>).finally === 'function') {
          setRunning(true);
          void (result as Promise<unknown>)
            .catch(() => undefined)
            .finally(() => {
              if (mounted.current) setRunning(false);
            });
        }
      }}
    >
      {busy && <View className="xf-button__spinner" />}
      {children}
    </View>
  );
}
