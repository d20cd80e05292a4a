import { useEffect } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { AttemptResult } from '@contract';
import { EmptyState } from '../../../../components/empty-state';
import { PageState } from '../../../../components/page-state';
import { Section } from '../../../../components/section';
import { Tag } from '../../../../components/tag';
import { XfButton } from '../../../../components/xf-button';
import { useAsync } from '../../../../hooks/useAsync';
import { fetchAttempt } from '../../../../services/quiz';
import { routes } from '../../../../services/routes';
import { QuestionCard } from '../../components/question-card';
import './index.scss';
import { useTextScale } from '../../../../hooks/useTextScale';

/** The score, pass or fail, and every question with the member's answer, the right one and the explanation. */
export default function ResultPage() {
  const text = useTextScale();
  const { params } = useRouter();
  const attemptId = Number(params.attemptId);
  const view = useAsync(() => fetchAttempt(attemptId, { silent: true }), { enabled: attemptId > 0, key: attemptId });
  const running = view.data?.state === 'in_progress' ? view.data.paper.quizId : null;
  useEffect(() => {
    if (running) void Taro.redirectTo({ url: `${routes.quizAttempt}?quizId=${running}` });
  }, [running]);

  return (
    <View style={text.style} className="xf-page result">
      {!(attemptId > 0) ? (
        <EmptyState mark="!" title="没有找到这份答卷" />
      ) : (
        <PageState loading={view.loading} error={view.error} ready={view.data !== null} onRetry={view.reload}>
          {view.data?.state === 'finished' && <Result result={view.data.result} />}
        </PageState>
      )}
    </View>
  );
}

function Result({ result }: { result: AttemptResult }) {
  const total = result.questions.length;
  // Every question not fully right went into the wrong-answer book.
  const missed = result.state === 'submitted' ? result.questions.filter((q) => q.credit < 1).length : 0;
  return (
    <View>
      <Section className="result__summary">
        <Text className="result__title">{result.title}</Text>
        <View className="result__score-line">
          <Text className="result__score">{result.score}</Text>
          <Text className="result__unit">分</Text>
        </View>
        <View className="result__tags">
          {result.state === 'expired' ? (
            <Tag tone="amber" solid>
              超时未交卷
            </Tag>
          ) : (
            <Tag tone={result.passed ? 'green' : 'red'} solid>
              {result.passed ? '合格' : '不合格'}
            </Tag>
          )}
          {result.fullMarks && (
            <Tag tone="red" solid>
              满分
            </Tag>
          )}
          <Tag>合格线 {result.passMark} 分</Tag>
        </View>
        <Text className="result__facts">
          答对 {result.correctCount} / {total} 题{result.pointsEarned > 0 ? ` · 获得积分 +${result.pointsEarned}` : ''}
        </Text>
        {missed > 0 && (
          <XfButton
            block
            size="large"
            type="primary"
            className="result__wrong-book"
            onClick={() => void Taro.navigateTo({ url: routes.wrongBook })}
          >
            去错题本看 {missed} 道错题
          </XfButton>
        )}
        <XfButton block size="large" onClick={() => void Taro.switchTab({ url: routes.study })}>
          返回学习
        </XfButton>
      </Section>

      <Text className="result__heading">逐题解析</Text>
      {result.questions.map((q, index) => (
        <Section key={q.position} className="result__question">
          <QuestionCard
            number={index + 1}
            kind={q.kind}
            stem={q.stem}
            options={q.options}
            chosen={q.chosen}
            answer={q.answer}
          />
          <View className="result__verdict">
            <Tag tone={q.credit === 1 ? 'green' : q.credit > 0 ? 'amber' : 'red'}>
              {q.credit === 1
                ? '答对了'
                : q.credit > 0
                  ? '答对一部分（得一半分）'
                  : q.chosen.length
                    ? '答错了'
                    : '未作答'}
            </Tag>
          </View>
          <View className="result__explanation">
            <Text className="result__explanation-label">解析</Text>
            <Text className="result__explanation-text">{q.explanation}</Text>
          </View>
        </Section>
      ))}
    </View>
  );
}
