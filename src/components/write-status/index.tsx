import { Text, View } from '@tarojs/components';
import { WRITE_STATE_TEXT, type WriteState } from '../../services/write-once';
import { XfButton } from '../xf-button';
import './index.scss';

export interface WriteStatusProps {
  /** The write on its way (useWriteOnce().state); `sending` shows nothing here (the button spins). */
  state: WriteState | null;
  /** The server refused or the member must act: stays until the next try, with 重试 when given. */
  error?: string | null;
  onRetry?: () => void;
  className?: string;
}

/** 正在重试… / 已保存，联网后自动提交 / an error banner with 重试: the visible state of a write. */
export function WriteStatus({ state, error, onRetry, className }: WriteStatusProps) {
  const rootClass = (modifier: string) =>
    ['xf-write-status', `xf-write-status--${modifier}`, className].filter(Boolean).join(' ');
  if (state === 'retrying' || state === 'waitingForNetwork') {
    return (
      <View className={rootClass(state === 'retrying' ? 'retrying' : 'saved')} role="status" aria-live="polite">
        <View className="xf-write-status__spinner" />
        <Text className="xf-write-status__text">{WRITE_STATE_TEXT[state]}</Text>
      </View>
    );
  }
  if (!error || state === 'sending') return null;
  return (
    <View className={rootClass('error')} role="alert">
      <Text className="xf-write-status__text">{error}</Text>
      {onRetry && (
        <XfButton className="xf-write-status__retry" type="primary" onClick={onRetry}>
          重试
        </XfButton>
      )}
    </View>
  );
}
