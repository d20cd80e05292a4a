import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { ManagedActivity } from '@contract';
import { EmptyState } from '../../../../components/empty-state';
import { PageState } from '../../../../components/page-state';
import { Section } from '../../../../components/section';
import { XfButton } from '../../../../components/xf-button';
import { useManagedActivities } from '../../../../hooks/useManagedActivities';
import { useNow } from '../../../../hooks/useNow';
import { useReloadOnShow } from '../../../../hooks/useReloadOnShow';
import { activityPhase } from '../../../../utils/activity-labels';
import { chinaInstant } from '../../../../utils/china-time';
import { routes } from '../../../../services/routes';
import { ActivityCell } from '../../components/activity-cell';
import { scopeFromParams, scopeQuery } from '../../scope';
import './index.scss';

function countsLine(activity: ManagedActivity): string {
  const c = activity.counts;
  if (activity.status === 'cancelled') return '已取消';
  const parts = [`应到 ${c.invited}`, `已到 ${c.present + c.late}`, `请假 ${c.leave}`];
  if (activity.status === 'closed') parts.push(`缺席 ${c.absent}`);
  if (activity.pendingLeave > 0) parts.push(`${activity.pendingLeave} 条请假待审批`);
  if (activity.status === 'closed' && !activity.hasRecord) parts.push('未填会议记录');
  return parts.join(' · ');
}

/**
 * 即将进行 (not settled, soonest first: what needs doing) and 已经过去 (newest first). An activity
 * that has ended but is not yet settled stays on top until it is closed.
 */
function Grouped({ items }: { items: ManagedActivity[] }) {
  const now = useNow(30_000);
  const phased = items.map((activity) => ({ activity, phase: activityPhase(activity, now) }));
  const current = phased
    .filter((p) => p.phase !== 'settled' && p.phase !== 'cancelled')
    .sort((a, b) => chinaInstant(a.activity.startsAt) - chinaInstant(b.activity.startsAt));
  const past = phased.filter((p) => p.phase === 'settled' || p.phase === 'cancelled');
  const cell = ({ activity, phase }: (typeof phased)[number]) => (
    <ActivityCell
      key={activity.id}
      activity={activity}
      phase={phase}
      extra={countsLine(activity)}
      onClick={() => Taro.navigateTo({ url: `${routes.activityRoster}?id=${activity.id}` })}
    />
  );
  return (
    <>
      <Section title={`即将进行与待结算（${current.length}）`}>
        {current.length === 0 ? (
          <Text className="activity-manage__empty">没有安排中的活动</Text>
        ) : (
          <View className="activity-manage__items">{current.map(cell)}</View>
        )}
      </Section>
      {past.length > 0 && (
        <Section title={`已结算与已取消（${past.length}）`}>
          <View className="activity-manage__items">{past.map(cell)}</View>
        </Section>
      )}
    </>
  );
}

/** A secretary's (or the org admin's) activities of this year, newest first, with 新建活动. */
export default function ManageActivitiesPage() {
  const { params } = useRouter();
  const scope = scopeFromParams(params);
  const list = useManagedActivities(scope);
  useReloadOnShow(list.reload);
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh());
  });

  if (!scope) return <EmptyState mark="!" title="没有找到这个支部" description="请从管理页面进入。" />;
  return (
    <View className="xf-page activity-manage">
      <Section>
        <XfButton
          type="primary"
          size="large"
          block
          onClick={() => Taro.navigateTo({ url: `${routes.activityEdit}?${scopeQuery(scope)}` })}
        >
          新建活动
        </XfButton>
      </Section>
      <PageState loading={list.loading} error={list.error} ready={list.data !== null} onRetry={list.reload}>
        {list.data && list.data.items.length === 0 && (
          <EmptyState title="今年还没有活动" description="点“新建活动”安排主题党日或“三会一课”。" />
        )}
        {list.data && list.data.items.length > 0 && <Grouped items={list.data.items} />}
      </PageState>
    </View>
  );
}
