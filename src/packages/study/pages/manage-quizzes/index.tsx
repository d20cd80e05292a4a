import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { ManagedQuiz } from '@contract';
import { EmptyState } from '../../../../components/empty-state';
import { ListCell } from '../../../../components/list-cell';
import { PageState } from '../../../../components/page-state';
import { Section } from '../../../../components/section';
import { XfButton } from '../../../../components/xf-button';
import { useManagedQuizzes } from '../../../../hooks/useManagedQuizzes';
import { useReloadOnShow } from '../../../../hooks/useReloadOnShow';
import { routes } from '../../../../services/routes';
import { formatDateTime } from '../../../../utils/format';
import './index.scss';

const STATUS = { open: '进行中', upcoming: '未开始', closed: '已截止' } as const;

function describe(quiz: ManagedQuiz): string {
  const audience = quiz.branch ? quiz.branch.name : '全单位';
  const paper = quiz.draw ? `随机抽 ${quiz.draw.count} 题` : `固定 ${quiz.questionCount} 题`;
  return `${STATUS[quiz.status]} · ${audience} · ${paper} · ${formatDateTime(quiz.closesAt)} 截止`;
}

/** Quizzes a secretary or org admin looks after, each leading to its management page. */
export default function ManageQuizzesPage() {
  const quizzes = useManagedQuizzes();
  useReloadOnShow(quizzes.reload);
  return (
    <View className="xf-page manage-quizzes">
      <Section>
        <View className="manage-quizzes__actions">
          <XfButton type="primary" onClick={() => void Taro.navigateTo({ url: routes.manageQuizNew })}>
            新建答题
          </XfButton>
          <XfButton onClick={() => void Taro.navigateTo({ url: routes.manageStats })}>答题统计</XfButton>
          <XfButton onClick={() => void Taro.navigateTo({ url: routes.manageBank })}>题库</XfButton>
        </View>
      </Section>
      <PageState loading={quizzes.loading} error={quizzes.error} ready={quizzes.data !== null} onRetry={quizzes.reload}>
        <Section title="答题列表">
          {quizzes.data?.length === 0 && (
            <EmptyState mark="答" title="还没有答题" description="点“新建答题”发布第一场答题。" />
          )}
          {quizzes.data?.map((quiz) => (
            <ListCell
              key={quiz.id}
              title={`${quiz.title}（${quiz.kind === 'exam' ? '考试' : '练习'}）`}
              description={describe(quiz)}
              extra="管理 ›"
              onClick={() => void Taro.navigateTo({ url: `${routes.manageQuiz}?quizId=${quiz.id}` })}
            />
          ))}
          <Text className="manage-quizzes__note">
            参与率 = 已作答人数 ÷ 应参加人数；合格率 = 合格人数 ÷ 已作答人数。
          </Text>
        </Section>
      </PageState>
    </View>
  );
}
