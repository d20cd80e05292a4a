import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { PeriodKind } from '@contract';
import { EmptyState } from '../../../../components/empty-state';
import { PageState } from '../../../../components/page-state';
import { Section } from '../../../../components/section';
import { useMemberTable } from '../../../../hooks/useDashboard';
import { formatDate } from '../../../../utils/format';
import { PeriodTabs } from '../../components/period-tabs';
import { formatNumber } from '../../format';
import { SORTS, sortMembers, type SortKey } from './sort';
import './index.scss';

const isPeriod = (p: unknown): p is PeriodKind => p === 'month' || p === 'quarter' || p === 'year';

/** Each member's participation in the period, sortable by any column. */
export default function MembersPage() {
  const { params } = useRouter();
  const branchId = Number(params.branchId);
  const valid = Number.isInteger(branchId) && branchId > 0;
  const [period, setPeriod] = useState<PeriodKind>(isPeriod(params.period) ? params.period : 'year');
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'name', descending: false });
  const table = useMemberTable(valid ? branchId : null, period);
  if (!valid) return <EmptyState mark="!" title="没有找到这个支部" description="请返回数据看板重新进入。" />;

  const choose = (key: SortKey) =>
    setSort((s) => (s.key === key ? { key, descending: !s.descending } : { key, descending: key !== 'name' }));

  return (
    <View className="xf-page member-table">
      <PeriodTabs value={period} onChange={setPeriod} />
      <View className="member-table__sorts" role="toolbar" aria-label="排序">
        {SORTS.map((s) => (
          <View
            key={s.key}
            role="button"
            aria-pressed={sort.key === s.key}
            className={`member-table__sort${sort.key === s.key ? ' member-table__sort--active' : ''}`}
            onClick={() => choose(s.key)}
          >
            <Text>
              {s.label}
              {sort.key === s.key ? (sort.descending ? ' ↓' : ' ↑') : ''}
            </Text>
          </View>
        ))}
      </View>
      <PageState loading={table.loading} error={table.error} ready={table.data !== null} onRetry={table.reload}>
        {table.data && (
          <Section title={`${table.data.period.label} · ${table.data.members.length} 人`}>
            {sortMembers(table.data.members, sort.key, sort.descending).map((m) => (
              <View key={m.memberId} className="member-table__row">
                <View className="member-table__head">
                  <Text className="member-table__name">{m.name}</Text>
                  <Text className="member-table__last">
                    {m.lastParticipation ? `最近 ${formatDate(m.lastParticipation)}` : '暂无参与'}
                  </Text>
                </View>
                <View className="member-table__figures">
                  <Text className="member-table__figure">
                    出席 {m.attended}/{m.invited}
                  </Text>
                  <Text className="member-table__figure">答题合格 {m.quizzesPassed}</Text>
                  <Text className="member-table__figure">志愿 {formatNumber(m.volunteerHours)} 小时</Text>
                  <Text className="member-table__figure">积分 {m.points}</Text>
                </View>
              </View>
            ))}
          </Section>
        )}
      </PageState>
    </View>
  );
}
