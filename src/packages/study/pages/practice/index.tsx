import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { PracticeSession } from '@contract';
import { EmptyState } from '../../../../components/empty-state';
import { PageState } from '../../../../components/page-state';
import { Section } from '../../../../components/section';
import { Tag } from '../../../../components/tag';
import { XfButton } from '../../../../components/xf-button';
import { useAsync } from '../../../../hooks/useAsync';
import type { ApiError } from '../../../../services/api-error';
import { answerPractice, openDailyPractice, startWrongBookPractice } from '../../../../services/quiz';
import { routes } from '../../../../services/routes';
import { QuestionCard } from '../../components/question-card';
import './index.scss';
import { useTextScale } from '../../../../hooks/useTextScale';

/** Daily practice (每日一练) or practice from the wrong-answer book: one question at a time, graded at once. */
export default function PracticePage() {
  const text = useTextScale();
  const { params } = useRouter();
  const fromBook = params.kind === 'wrong';
  const session = useAsync(() => (fromBook ? startWrongBookPractice() : openDailyPractice()), {
    key: params.kind ?? 'daily',
    // Opening a practice draws its questions: not a read to repeat on every show.
    reloadOnShow: false,
  });
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: fromBook ? '错题练习' : '每日一练' }).catch(() => undefined);
  }, [fromBook]);
  const refused = session.error && session.error.status >= 400 && session.error.status < 500;
  return (
    <View style={text.style} className="xf-page practice">
      {refused ? (
        <EmptyState
          mark={fromBook ? '✓' : '!'}
          title={fromBook ? '错题本是空的' : '现在不能练习'}
          description={(session.error as ApiError).message}
        />
      ) : (
        <PageState
          loading={session.loading}
          error={session.error}
          ready={session.data !== null}
          onRetry={session.reload}
        >
          {session.data && <Practice initial={session.data} />}
        </PageState>
      )}
    </View>
  );
}

function Practice({ initial }: { initial: PracticeSession }) {
  const [session, setSession] = useState(initial);
  const firstOpen = initial.items.findIndex((i) => i.feedback === null);
  const [current, setCurrent] = useState(firstOpen === -1 ? initial.items.length : firstOpen);
  const [chosen, setChosen] = useState<number[]>([]);
  const [sending, setSending] = useState(false);
  const item = session.items[current];

  if (!item) {
    return (
      <Section className="practice__done">
        <Text className="practice__done-title">{session.kind === 'daily' ? '今天的练习完成了' : '这组错题练完了'}</Text>
        <Text className="practice__done-text">
          答对 {session.correctCount} / {session.items.length} 题
          {session.kind === 'daily'
            ? session.pointsEarned > 0
              ? `，获得积分 +${session.pointsEarned}`
              : '。本月的每日一练积分已经计过'
            : ''}
        </Text>
        <Text className="practice__done-note">答错的题已收进错题本，连续答对两次后会移出。</Text>
        <XfButton type="primary" size="large" block onClick={() => void Taro.switchTab({ url: routes.study })}>
          返回学习
        </XfButton>
      </Section>
    );
  }

  const send = async () => {
    setSending(true);
    try {
      setSession(await answerPractice(session.id, { position: item.position, choices: chosen }));
    } catch {
      // The request wrapper showed the error; the member may try again.
    } finally {
      setSending(false);
    }
  };
  const feedback = item.feedback;
  return (
    <View>
      <Text className="practice__progress">
        第 {current + 1} / {session.items.length} 题
      </Text>
      <Section>
        <QuestionCard
          number={current + 1}
          kind={item.kind}
          stem={item.stem}
          options={item.options}
          chosen={feedback ? feedback.chosen : chosen}
          onChange={feedback ? undefined : setChosen}
          answer={feedback?.answer}
        />
        {feedback && (
          <View className="practice__feedback">
            <Tag tone={feedback.correct ? 'green' : 'red'} solid>
              {feedback.correct ? '回答正确' : '回答错误'}
            </Tag>
            <Text className="practice__explanation">{feedback.explanation}</Text>
          </View>
        )}
      </Section>
      {feedback ? (
        <XfButton
          type="primary"
          size="large"
          block
          onClick={() => {
            setChosen([]);
            setCurrent(current + 1);
          }}
        >
          {current + 1 < session.items.length ? '下一题' : '完成'}
        </XfButton>
      ) : (
        <XfButton
          type="primary"
          size="large"
          block
          disabled={chosen.length === 0}
          loading={sending}
          onClick={() => void send()}
        >
          提交答案
        </XfButton>
      )}
    </View>
  );
}
