import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { subscribeAvailable } from '../../utils/platform';
import { XfButton } from '../xf-button';
import './index.scss';
import { showNotice } from '../../utils/notice';

export interface SubscribeButtonProps {
  /** The WeChat template to ask for; null when the organisation has not set this reminder up (hidden). */
  templateId: string | null;
  /** What the member asks for, e.g. 开始前提醒我. */
  label: string;
  /** A line under the button saying what will be sent, and that it is sent once. */
  hint?: string;
  /** Already subscribed: shows that instead of the button. */
  subscribed?: boolean;
  /** Keeps the subscription once the member accepted in WeChat's dialog (the caller's API call). */
  onAccepted: () => Promise<unknown>;
  className?: string;
}

/**
 * A voluntary reminder: the member taps, WeChat asks them (wx.requestSubscribeMessage must run in a
 * tap), and only an accepted request is kept. Never shown on H5, where WeChat messages do not exist.
 */
export function SubscribeButton({ templateId, label, hint, subscribed, onAccepted, className }: SubscribeButtonProps) {
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  if (!subscribeAvailable() || !templateId) return null;
  const rootClass = ['xf-subscribe', className].filter(Boolean).join(' ');

  if (subscribed || done) {
    return (
      <View className={rootClass}>
        <Text className="xf-subscribe__done">✓ 已设置提醒，到时会通过微信“服务通知”告诉您（可在“我的”中取消）</Text>
      </View>
    );
  }

  const ask = async () => {
    setBusy(true);
    try {
      let result: Record<string, string>;
      try {
        result = (await Taro.requestSubscribeMessage({ tmplIds: [templateId] } as never)) as unknown as Record<
          string,
          string
        >;
      } catch (error) {
        // 20004: the member switched off all messages from this mini-program in its settings.
        if ((error as { errCode?: number }).errCode === 20004) {
          await explainSwitchedOff();
        } else {
          void showNotice('没有设置成功，请稍后再试', { duration: 2500 });
        }
        return;
      }
      const answer = result[templateId];
      if (answer === 'accept') {
        await onAccepted();
        setDone(true);
        void showNotice('已设置提醒', { duration: 2000 });
      } else if (answer === 'ban') {
        await explainSwitchedOff();
      } else {
        void showNotice('您没有允许，不会收到提醒', { duration: 2500 });
      }
    } catch {
      // The API call failed; request.ts has shown its message.
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className={rootClass}>
      <XfButton block onClick={() => void ask()} loading={busy}>
        {label}
      </XfButton>
      {hint && <Text className="xf-subscribe__hint">{hint}</Text>}
    </View>
  );
}

async function explainSwitchedOff(): Promise<void> {
  const { confirm } = await Taro.showModal({
    title: '消息提醒已关闭',
    content: '您在设置中关闭了先锋的消息提醒。如需提醒，请在“设置 → 通知管理”中打开。',
    confirmText: '去设置',
    cancelText: '不用了',
  });
  if (confirm) await Taro.openSetting({ withSubscriptions: true } as never).catch(() => undefined);
}
