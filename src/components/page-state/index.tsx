import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import type { ApiError } from '../../services/api-error';
import { XfButton } from '../xf-button';
import './index.scss';

export interface PageStateProps {
  /** A load is running. Shown as a spinner only while there is nothing to show yet. */
  loading: boolean;
  /** The latest load failed. Shown with 重试 only while there is nothing to show yet. */
  error: ApiError | null;
  /** True once data arrived; children render from then on, even during a reload. */
  ready: boolean;
  onRetry: () => void;
  className?: string;
  children?: ReactNode;
}

/** Loading, error-with-retry or content: the three states of every page that loads data. */
export function PageState({ loading, error, ready, onRetry, className, children }: PageStateProps) {
  if (ready) return <>{children}</>;
  const rootClass = ['xf-page-state', className].filter(Boolean).join(' ');

  if (error && !loading) {
    return (
      <View className={rootClass} role="alert">
        <Text className="xf-page-state__title">没有加载成功</Text>
        <Text className="xf-page-state__message">{error.message}</Text>
        <XfButton className="xf-page-state__retry" type="primary" size="large" onClick={onRetry}>
          重试
        </XfButton>
      </View>
    );
  }

  return (
    <View className={rootClass} aria-busy="true">
      <View className="xf-page-state__spinner" />
      <Text className="xf-page-state__message">正在加载…</Text>
    </View>
  );
}
