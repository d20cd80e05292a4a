import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { DailyPracticeStatus, LedgerEntry, MyQuiz } from '@contract';
import { EmptyState } from '../../components/empty-state';
import { ListCell } from '../../components/list-cell';
import { NotAMemberNote } from '../../components/not-a-member-note';
import { PageState } from '../../components/page-state';
import { Section } from '../../components/section';
import { SourcePoints } from '../../components/source-points';
import { Tag } from '../../components/tag';
import { SubscribeButton } from '../../components/subscribe-button';
import { XfButton } from '../../components/xf-button';
import { useAsync } from '../../hooks/useAsync';
import { useMyPoints } from '../../hooks/useMyPoints';
import { useQuizzes } from '../../hooks/useQuizzes';
import { useReloadOnShow } from '../../hooks/useReloadOnShow';
import { pendingFor, useSubscriptions } from '../../hooks/useSubscriptions';
import { useWrongBook } from '../../hooks/useWrongBook';
import { fetchDailyPracticeStatus } from '../../services/quiz';
import { routes } from '../../services/routes';
import { subscribeNewQuiz } from '../../services/subscriptions';
import { formatDateTime } from '../../utils/format';
import './index.scss';
import { useTextScale } from '../../hooks/useTextScale';
import { useMe } from '../../hooks/useMe';
import { canManage } from '../../utils/roles';

const studySources: ReadonlyArray<LedgerEntry['sourceType']> = ['quiz_attempt', 'daily_practice'];

function quizLine(quiz: MyQuiz): string {
  const paper = `${quiz.questionCount} 题 · 限时 ${quiz.timeLimitMinutes} 分钟`;
  if (quiz.status === 'upcoming') return `${formatDateTime(quiz.opensAt)} 开始 · ${paper}`;
  if (quiz.status === 'closed') return `已于 ${formatDateTime(quiz.closesAt)} 截止`;
  return `${formatDateTime(quiz.closesAt)} 截止 · ${paper}`;
}

function quizAction(quiz: MyQuiz): { label: string; open: () => void } | null {
  if (quiz.inProgressAttemptId) {
    return { label: '继续答题', open: () => void Taro.navigateTo({ url: `${routes.quizAttempt}?quizId=${quiz.id}` }) };
  }
  const canStart = quiz.status === 'open' && quiz.attemptsUsed < quiz.maxAttempts;
  if (canStart) {
    return {
      label: quiz.attemptsUsed > 0 ? '再答一次' : '去答题',
      open: () => void Taro.navigateTo({ url: `${routes.quizAttempt}?quizId=${quiz.id}` }),
    };
  }
  if (quiz.lastSubmittedAttemptId) {
    const id = quiz.lastSubmittedAttemptId;
    return { label: '查看成绩', open: () => void Taro.navigateTo({ url: `${routes.quizResult}?attemptId=${id}` }) };
  }
  return null;
}

/** 有新答题时通知我: one message for the next quiz opened for the member; mini-program only. */
function NewQuizReminder() {
  const subscriptions = useSubscriptions();
  return (
    <SubscribeButton
      templateId={subscriptions.data?.templates.newQuiz ?? null}
      label="有新答题时通知我"
      hint="下一场面向您的答题开放时，通过微信“服务通知”告诉您一次。"
      subscribed={pendingFor(subscriptions.data, 'new_quiz') !== undefined}
      onAccepted={subscribeNewQuiz}
    />
  );
}

/** 开始今日练习, 继续今日练习 or 今日已完成, from today's practice status. */
function dailyLabel(status: DailyPracticeStatus | null): string {
  if (status?.completed) return '今日已完成';
  if (status?.started && status.answered > 0) return `继续今日练习（已答 ${status.answered} / ${status.total} 题）`;
  return '开始今日练习';
}

export default function StudyPage() {
  const text = useTextScale();
  const points = useMyPoints();
  const me = useMe();
  const quizzes = useQuizzes();
  const wrongBook = useWrongBook();
  const daily = useAsync(() => fetchDailyPracticeStatus({ silent: true }));
  useReloadOnShow(async () => {
    await Promise.all([points.reload(), quizzes.reload(), wrongBook.reload(), daily.reload()]);
  });
  usePullDownRefresh(() => {
    void Promise.all([points.reload(), quizzes.reload(), wrongBook.reload(), daily.reload()]).finally(() =>
      Taro.stopPullDownRefresh(),
    );
  });
  const studyEntries = points.data?.recent.filter((entry) => studySources.includes(entry.sourceType)) ?? [];

  if (points.error?.status === 403) {
    return (
      <View style={text.style} className="xf-page study">
        <NotAMemberNote manager={me.data && canManage(me.data) ? { withLink: true } : undefined} />
      </View>
    );
  }

  return (
    <View style={text.style} className="xf-page study">
      <Section title="每日一练">
        <Text className="study__lead">每天 5 道题，答完立即看解析。完成每日一练可得积分（按积分规则每月计一次）。</Text>
        <XfButton
          type={daily.data?.completed ? 'default' : 'primary'}
          size="large"
          block
          onClick={() => void Taro.navigateTo({ url: `${routes.practice}?kind=daily` })}
        >
          {dailyLabel(daily.data)}
        </XfButton>
        {daily.data?.completed && (
          <Text className="study__done">
            今天答对 {daily.data.correctCount} / {daily.data.total} 题，明天再来。点上面可以回看今天的题目和解析。
          </Text>
        )}
      </Section>

      <Section title="线上答题">
        <PageState
          loading={quizzes.loading}
          error={quizzes.error}
          ready={quizzes.data !== null}
          onRetry={quizzes.reload}
        >
          {quizzes.data && quizzes.data.length === 0 && (
            <EmptyState mark="答" title="暂时没有答题" description="支部发布答题后会出现在这里。" />
          )}
          {quizzes.data?.map((quiz) => {
            const action = quizAction(quiz);
            return (
              <View key={quiz.id} className="study__quiz">
                <ListCell
                  title={quiz.title}
                  description={quizLine(quiz)}
                  extra={action ? `${action.label} ›` : undefined}
                  onClick={action?.open}
                />
                <View className="study__quiz-tags">
                  <Tag tone={quiz.status === 'open' ? 'red' : 'neutral'}>
                    {quiz.status === 'open' ? '进行中' : quiz.status === 'upcoming' ? '未开始' : '已截止'}
                  </Tag>
                  <Tag>{quiz.kind === 'exam' ? '考试' : '练习'}</Tag>
                  {quiz.bestScore !== null && (
                    <Tag tone={quiz.passed ? 'green' : 'amber'}>
                      最好成绩 {quiz.bestScore} 分{quiz.passed ? ' · 合格' : ''}
                    </Tag>
                  )}
                </View>
              </View>
            );
          })}
        </PageState>
        <NewQuizReminder />
      </Section>

      <Section title="错题本">
        <ListCell
          title="我的错题"
          description="答错的题会收进错题本，连续答对两次后移出"
          extra={wrongBook.data ? `${wrongBook.data.total} 道 ›` : '›'}
          onClick={() => void Taro.navigateTo({ url: routes.wrongBook })}
        />
      </Section>

      <PageState loading={points.loading} error={points.error} ready={points.data !== null} onRetry={points.reload}>
        <SourcePoints title="近期答题积分" entries={studyEntries} emptyText="近期还没有答题积分" />
      </PageState>
    </View>
  );
}
