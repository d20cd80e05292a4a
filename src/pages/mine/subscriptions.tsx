// 消息提醒 in 我的: every reminder the member asked for, with 取消 while it waits, and what became
// of the ones that ended. Reminders exist only in the mini-program; H5 says so.
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { Subscription } from '@contract';
import { PageState } from '../../components/page-state';
import { Section } from '../../components/section';
import { Tag } from '../../components/tag';
import { XfButton } from '../../components/xf-button';
import { useReloadOnShow } from '../../hooks/useReloadOnShow';
import { useSubscriptions } from '../../hooks/useSubscriptions';
import { withdrawSubscription } from '../../services/subscriptions';
import { formatDateTime } from '../../utils/format';
import { subscribeAvailable } from '../../utils/platform';
import { showNotice } from '../../utils/notice';

const ENDED_LABEL: Record<Subscription['status'], string> = {
  pending: '等待发送',
  claimed: '正在发送',
  sent: '已发送',
  refused: '未送达（微信中已关闭提醒）',
  failed: '发送失败',
  expired: '活动已开始或取消，未发送',
  withdrawn: '已取消',
};

export function MySubscriptions() {
  if (!subscribeAvailable()) {
    return (
      <Section title="消息提醒">
        <Text className="mine__reminder-note">
          消息提醒是微信小程序的功能：在小程序的活动、志愿服务和学习页面，可以自愿选择“提醒我”，也可随时取消。
        </Text>
      </Section>
    );
  }
  return <SubscriptionList />;
}

function SubscriptionList() {
  const subscriptions = useSubscriptions();
  // Subscribed on another page meanwhile: show it when 我的 is opened again.
  useReloadOnShow(subscriptions.reload);
  const data = subscriptions.data;
  const off = data !== null && Object.values(data.templates).every((id) => id === null);
  const waiting = data?.items.filter((i) => i.status === 'pending' || i.status === 'claimed') ?? [];
  const ended = data?.items.filter((i) => i.status !== 'pending' && i.status !== 'claimed') ?? [];
  return (
    <Section title="消息提醒">
      <PageState
        loading={subscriptions.loading}
        error={subscriptions.error}
        ready={data !== null}
        onRetry={subscriptions.reload}
      >
        {off && <Text className="mine__reminder-note">本单位尚未开通消息提醒。</Text>}
        {!off && waiting.length === 0 && (
          <Text className="mine__reminder-note">
            您没有等待发送的提醒。提醒只在您需要时设置：活动页“开始前提醒我”、提交志愿服务后“审核结果通知我”、学习页“有新答题时通知我”。每次设置只提醒一次。
          </Text>
        )}
        {waiting.map((item) => (
          <WaitingItem key={item.id} item={item} onWithdrawn={subscriptions.reload} />
        ))}
        {ended.length > 0 && (
          <View className="mine__reminders-ended">
            <Text className="mine__reminder-heading">最近的提醒</Text>
            {ended.map((item) => (
              <View key={item.id} className="mine__reminder">
                <Text className="mine__reminder-title">{item.title}</Text>
                <View className="mine__reminder-meta">
                  <Tag tone={item.status === 'sent' ? 'green' : 'neutral'}>{ENDED_LABEL[item.status]}</Tag>
                  {item.finishedAt && <Text className="mine__reminder-time">{formatDateTime(item.finishedAt)}</Text>}
                </View>
              </View>
            ))}
          </View>
        )}
      </PageState>
    </Section>
  );
}

function WaitingItem({ item, onWithdrawn }: { item: Subscription; onWithdrawn: () => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  const withdraw = async () => {
    const { confirm } = await Taro.showModal({
      title: '取消提醒',
      content: `取消后不会再收到“${item.title}”。`,
      confirmText: '取消提醒',
      cancelText: '保留',
    });
    if (!confirm) return;
    setBusy(true);
    try {
      await withdrawSubscription(item.id);
      void showNotice('已取消', { duration: 2000 });
      await onWithdrawn();
    } catch {
      // request.ts has shown the reason.
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="mine__reminder">
      <Text className="mine__reminder-title">{item.title}</Text>
      <View className="mine__reminder-meta">
        <Tag tone="red">{ENDED_LABEL[item.status]}</Tag>
        <Text className="mine__reminder-time">{formatDateTime(item.createdAt)} 设置</Text>
      </View>
      {item.status === 'pending' && (
        <XfButton className="mine__reminder-withdraw" loading={busy} onClick={() => void withdraw()}>
          取消提醒
        </XfButton>
      )}
    </View>
  );
}
