import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { BranchRate, QuizStats, RateRow, StatsOverview, TagAccuracy } from '@contract';
import { EmptyState } from '../../../../components/empty-state';
import { PageState } from '../../../../components/page-state';
import { Section } from '../../../../components/section';
import { Tag } from '../../../../components/tag';
import { useQuizStats, useStatsOverview } from '../../../../hooks/useQuizStats';
import './index.scss';

const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)}%`);

function Bar({ rate }: { rate: number | null }) {
  return (
    <View className="stats__bar" aria-hidden>
      <View className="stats__bar-fill" style={{ width: `${Math.round((rate ?? 0) * 100)}%` }} />
    </View>
  );
}

function Rates({ title, row }: { title: string; row: RateRow }) {
  return (
    <View className="stats__rate">
      <Text className="stats__rate-title">{title}</Text>
      <Text className="stats__rate-line">
        参与率 {percent(row.participationRate)}（{row.participants}/{row.audience} 人）
      </Text>
      <Bar rate={row.participationRate} />
      <Text className="stats__rate-line">
        合格率 {percent(row.passRate)}（{row.passed}/{row.participants} 人）
        {row.averageScore !== null ? ` · 平均 ${row.averageScore} 分` : ''}
      </Text>
      <Bar rate={row.passRate} />
    </View>
  );
}

function Branches({ rows }: { rows: BranchRate[] }) {
  return (
    <Section title="各支部参与情况">
      {rows.map((row) => (
        <Rates key={row.branch.id} title={row.branch.name} row={row} />
      ))}
    </Section>
  );
}

function Tags({ rows }: { rows: TagAccuracy[] }) {
  return (
    <Section title="按标签的正确率（由低到高）">
      <Text className="stats__hint">排在前面的是最需要加强学习的内容。</Text>
      {rows.length === 0 && <EmptyState title="还没有作答数据" />}
      {rows.map((row) => (
        <View key={row.tag} className="stats__line">
          <Text className="stats__line-title">{row.tag}</Text>
          <Text className="stats__line-value">
            {percent(row.accuracy)}（{row.answers} 次作答）
          </Text>
          <Bar rate={row.accuracy} />
        </View>
      ))}
    </Section>
  );
}

/** Quiz statistics: one quiz (quizId) or the overview of every quiz and branch in the reader's scope. */
export default function ManageStatsPage() {
  const { params } = useRouter();
  const quizId = Number(params.quizId);
  return <View className="xf-page stats">{quizId > 0 ? <OneQuiz quizId={quizId} /> : <Overview />}</View>;
}

function OneQuiz({ quizId }: { quizId: number }) {
  const stats = useQuizStats(quizId);
  return (
    <PageState loading={stats.loading} error={stats.error} ready={stats.data !== null} onRetry={stats.reload}>
      {stats.data && <QuizView stats={stats.data} />}
    </PageState>
  );
}

function QuizView({ stats }: { stats: QuizStats }) {
  return (
    <View>
      <Section title={stats.quiz.title}>
        <Rates title="合计" row={stats.overall} />
      </Section>
      <Branches rows={stats.branches} />
      <Section title="逐题正确率（由低到高）">
        {stats.questions.length === 0 && <EmptyState title="还没有作答数据" />}
        {stats.questions.slice(0, 20).map((q) => (
          <View key={q.questionId} className="stats__line">
            <Text className="stats__line-title">{q.stem}</Text>
            <Text className="stats__line-value">
              {percent(q.accuracy)}（{q.answers} 人次）{q.tags.length ? ` · ${q.tags.join('、')}` : ''}
            </Text>
            <Bar rate={q.accuracy} />
          </View>
        ))}
      </Section>
      <Tags rows={stats.tags} />
      <Section title="待复核的满分答卷">
        <Text className="stats__hint">用时明显短于正常阅读时间的满分答卷，请书记留意核实。</Text>
        {stats.flagged.length === 0 && <Text className="stats__hint">没有需要复核的答卷。</Text>}
        {stats.flagged.map((f) => (
          <View key={f.attemptId} className="stats__line">
            <Text className="stats__line-title">
              {f.member.name}
              {f.branch ? `（${f.branch.name}）` : ''}
            </Text>
            <Tag tone="amber">{f.reason}</Tag>
          </View>
        ))}
      </Section>
    </View>
  );
}

function Overview() {
  const overview = useStatsOverview();
  return (
    <PageState
      loading={overview.loading}
      error={overview.error}
      ready={overview.data !== null}
      onRetry={overview.reload}
    >
      {overview.data && <OverviewView data={overview.data} />}
    </PageState>
  );
}

function OverviewView({ data }: { data: StatsOverview }) {
  return (
    <View>
      <Branches rows={data.branches} />
      <Section title="各场答题">
        {data.quizzes.length === 0 && <EmptyState title="还没有答题" />}
        {data.quizzes.map((row) => (
          <Rates key={row.quiz.id} title={row.quiz.title} row={row} />
        ))}
      </Section>
      <Tags rows={data.tags} />
    </View>
  );
}
