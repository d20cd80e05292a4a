import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { Dashboard, PeriodKind } from '@contract';
import { ListCell } from '../../../../components/list-cell';
import { PageState } from '../../../../components/page-state';
import { Section } from '../../../../components/section';
import { XfButton } from '../../../../components/xf-button';
import { type DashboardTarget, useAttention, useDashboard } from '../../../../hooks/useDashboard';
import { downloadLedger } from '../../../../services/dashboard';
import { routes } from '../../../../services/routes';
import { attendanceTrendChart, RED, RED_SOFT, starLevelChart } from '../../components/charts';
import { F2Chart } from '../../components/f2-chart';
import { FigureGrid } from '../../components/figure-grid';
import { formatNumber, formatRate } from '../../format';
import { ActivityList } from './activity-list';
import { PendingSection } from './pending-section';

export interface DashboardViewProps {
  target: DashboardTarget;
  period: PeriodKind;
}

/** The figures, charts and lists of one branch or of the whole organisation. */
export function DashboardView({ target, period }: DashboardViewProps) {
  const dashboard = useDashboard(target, period);
  return (
    <PageState
      loading={dashboard.loading}
      error={dashboard.error}
      ready={dashboard.data !== null}
      onRetry={dashboard.reload}
    >
      {dashboard.data && <DashboardContent data={dashboard.data} target={target} period={period} />}
    </PageState>
  );
}

function DashboardContent({ data, target, period }: { data: Dashboard; target: DashboardTarget; period: PeriodKind }) {
  const branchId = target.kind === 'branch' ? target.id : null;
  const a = data.attendance;
  const figures = [
    { label: '党员', value: `${data.members} 人` },
    { label: '开展活动', value: `${a.held} 次` },
    { label: '出席率', value: formatRate(a.rate), note: `${a.present + a.late} / ${a.invited} 人次` },
    { label: '请假', value: `${a.leave} 人次`, note: `缺席 ${a.absent} 人次` },
    {
      label: '答题参与率',
      value: formatRate(data.quiz.participationRate),
      note: `${data.quiz.participated} / ${data.quiz.expected} 人次`,
    },
    { label: '答题合格率', value: formatRate(data.quiz.passRate), note: `合格 ${data.quiz.passed} 人次` },
    {
      label: '志愿服务',
      value: `${formatNumber(data.volunteer.hours)} 小时`,
      note: `人均 ${formatNumber(data.volunteer.hoursPerMember)} 小时`,
    },
    { label: '平均积分', value: formatNumber(data.points.average), note: `${data.points.year} 年度` },
  ];

  return (
    <View className="dashboard__content">
      <Section title={`${data.scope.name}`} extra={<Text className="dashboard__period">{data.period.label}</Text>}>
        <FigureGrid figures={figures} />
      </Section>

      <Section title="出席率月度趋势">
        <Text className="dashboard__caption">{data.period.year}年每月出席率，无活动的月份不画</Text>
        <F2Chart
          id={`trend-${target.kind}-${target.id}`}
          label={`${data.period.year}年各月出席率`}
          dataKey={JSON.stringify(data.trend)}
          render={(size) => attendanceTrendChart(data.trend, size.width)}
        />
      </Section>

      <Section title="积分与星级">
        <Text className="dashboard__caption">{data.points.year}年各星级人数：目前与预计年底</Text>
        <View className="dashboard__legend" aria-hidden>
          <View className="dashboard__legend-item">
            <View className="dashboard__swatch" style={{ backgroundColor: RED }} />
            <Text className="dashboard__legend-name">目前</Text>
          </View>
          <View className="dashboard__legend-item">
            <View className="dashboard__swatch" style={{ backgroundColor: RED_SOFT }} />
            <Text className="dashboard__legend-name">预计年底（按目前进度）</Text>
          </View>
        </View>
        <F2Chart
          id={`stars-${target.kind}-${target.id}`}
          label="各星级人数：目前和预计年底"
          dataKey={JSON.stringify(data.points.stars)}
          render={() => starLevelChart(data.points.stars)}
        />
        <View className="dashboard__stars">
          {data.points.stars.map((s) => (
            <Text key={s.stars} className="dashboard__star">
              {s.label}：目前 {s.current} 人，预计年底 {s.projected} 人
            </Text>
          ))}
        </View>
      </Section>

      <PendingSection target={target} counts={data.pending} />

      {branchId !== null && (
        <BranchLinks branchId={branchId} branchName={data.scope.name} period={period} label={data.period.label} />
      )}

      <Section title="活动出席情况">
        <ActivityList activities={data.activities} />
      </Section>
    </View>
  );
}

function BranchLinks({
  branchId,
  branchName,
  period,
  label,
}: {
  branchId: number;
  branchName: string;
  period: PeriodKind;
  label: string;
}) {
  const attention = useAttention(branchId);
  const [downloading, setDownloading] = useState(false);
  const count = attention.data?.members.length;
  return (
    <Section title="支部台账">
      <View className="dashboard__list">
        <ListCell
          className="dashboard__attention"
          title="需关注"
          description="近 60 天没有参与的党员，供谈心谈话参考"
          extra={count === undefined ? '›' : `${count} 人 ›`}
          onClick={() => Taro.navigateTo({ url: `${routes.dashboardAttention}?branchId=${branchId}` })}
        />
        <ListCell
          title="党员参与情况"
          description="出席、答题、志愿服务、积分，可排序"
          extra="›"
          onClick={() => Taro.navigateTo({ url: `${routes.dashboardMembers}?branchId=${branchId}&period=${period}` })}
        />
      </View>
      <XfButton
        className="dashboard__export"
        type="primary"
        size="large"
        block
        loading={downloading}
        onClick={() => {
          setDownloading(true);
          downloadLedger(branchId, branchName, period, label)
            .catch(() => undefined)
            .finally(() => setDownloading(false));
        }}
      >
        导出台账（{label}）
      </XfButton>
    </Section>
  );
}
