import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Dashboard, PendingItem } from '@contract';
import { ListCell } from '../../../../components/list-cell';
import { Section } from '../../../../components/section';
import { Tag } from '../../../../components/tag';
import { type DashboardTarget, usePendingWork } from '../../../../hooks/useDashboard';
import { formatDateTime } from '../../../../utils/format';
import { pendingActionUrl, type PendingKind } from './pending-actions';

const KINDS: Array<{ kind: PendingKind; label: string }> = [
  { kind: 'leave', label: '请假待审批' },
  { kind: 'volunteer', label: '志愿服务待审核' },
  { kind: 'objections', label: '积分异议待处理' },
];

/** What waits for a decision; each item opens its action when that page exists. */
export function PendingSection({ target, counts }: { target: DashboardTarget; counts: Dashboard['pending'] }) {
  const total = counts.leave + counts.volunteer + counts.objections;
  const work = usePendingWork(target.kind === 'branch' && total > 0 ? target.id : null);
  return (
    <Section title="待办">
      <View className="dashboard__pending-counts">
        {KINDS.map(({ kind, label }) => (
          <View key={kind} className="dashboard__pending-count">
            <Text className="dashboard__pending-label">{label}</Text>
            <Tag tone={counts[kind] > 0 ? 'amber' : 'green'} solid={counts[kind] > 0}>
              {counts[kind] > 0 ? `${counts[kind]} 项` : '无'}
            </Tag>
          </View>
        ))}
      </View>
      {work.data && (
        <View className="dashboard__list">
          {KINDS.flatMap(({ kind, label }) =>
            work.data![kind].items.map((item: PendingItem) => {
              const url = pendingActionUrl(kind, item);
              return (
                <ListCell
                  key={`${kind}-${item.id}`}
                  title={`${item.memberName}：${item.title}`}
                  description={`${label.slice(0, -3)} · ${item.detail} · ${formatDateTime(item.submittedAt)}提交`}
                  extra={url ? '处理 ›' : undefined}
                  onClick={url ? () => Taro.navigateTo({ url }) : undefined}
                />
              );
            }),
          )}
        </View>
      )}
    </Section>
  );
}
