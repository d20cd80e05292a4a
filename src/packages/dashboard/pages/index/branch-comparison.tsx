import { Text, View } from '@tarojs/components';
import type { PeriodKind } from '@contract';
import { PageState } from '../../../../components/page-state';
import { Section } from '../../../../components/section';
import { useBranchComparison } from '../../../../hooks/useDashboard';
import { formatNumber, formatRate } from '../../format';

/** Branches side by side in a fixed order: rates and averages, not a race. */
export function BranchComparisonSection({
  orgId,
  period,
  onOpenBranch,
}: {
  orgId: number;
  period: PeriodKind;
  onOpenBranch: (branchId: number) => void;
}) {
  const comparison = useBranchComparison(orgId, period);
  return (
    <Section title="支部对比" className="dashboard__comparison">
      <Text className="dashboard__hint">按支部排列，看参与率和人均数，不做排名。点支部查看详情。</Text>
      <PageState
        loading={comparison.loading}
        error={comparison.error}
        ready={comparison.data !== null}
        onRetry={comparison.reload}
      >
        {comparison.data?.branches.map((b) => (
          <View key={b.id} className="dashboard__branch" role="button" onClick={() => onOpenBranch(b.id)}>
            <View className="dashboard__branch-head">
              <Text className="dashboard__branch-name">{b.name}</Text>
              <Text className="dashboard__branch-members">{b.members} 人 ›</Text>
            </View>
            <View className="dashboard__branch-rates">
              <Text className="dashboard__branch-rate">出席率 {formatRate(b.attendanceRate)}</Text>
              <Text className="dashboard__branch-rate">答题参与 {formatRate(b.quizParticipationRate)}</Text>
              <Text className="dashboard__branch-rate">答题合格 {formatRate(b.quizPassRate)}</Text>
              <Text className="dashboard__branch-rate">人均志愿 {formatNumber(b.volunteerHoursPerMember)} 小时</Text>
              <Text className="dashboard__branch-rate">平均积分 {formatNumber(b.averagePoints)}</Text>
            </View>
          </View>
        ))}
      </PageState>
    </Section>
  );
}
