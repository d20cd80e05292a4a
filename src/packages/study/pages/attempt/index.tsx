import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { AttemptPaper } from '@contract';
import { EmptyState } from '../../../../components/empty-state';
import { PageState } from '../../../../components/page-state';
import { WriteStatus } from '../../../../components/write-status';
import { XfButton } from '../../../../components/xf-button';
import { useAsync } from '../../../../hooks/useAsync';
import { useWriteOnce } from '../../../../hooks/useWriteOnce';
import type { ApiError } from '../../../../services/api-error';
import { startAttempt, submitAttempt } from '../../../../services/quiz';
import { routes } from '../../../../services/routes';
import { QuestionCard } from '../../components/question-card';
import './index.scss';

type Answers = Record<number, number[]>;
const storageKey = (attemptId: number) => `xf-attempt-${attemptId}`;

function loadAnswers(attemptId: number): Answers {
  const saved = Taro.getStorageSync(storageKey(attemptId)) as Answers | '';
  return saved && typeof saved === 'object' ? saved : {};
}

const clock = (seconds: number) =>
  `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;

/** Takes a quiz: the server's paper and deadline, answers kept on the phone until submitted. */
export default function AttemptPage() {
  const { params } = useRouter();
  const quizId = Number(params.quizId);
  const paper = useAsync(() => startAttempt(quizId), {
    enabled: quizId > 0,
    key: quizId,
    reloadOnShow: false,
  });
  return (
    <View className="xf-page attempt">
      {!(quizId > 0) ? (
        <EmptyState mark="!" title="没有找到这场答题" description="请返回学习页重新选择。" />
      ) : paper.error && paper.error.status > 0 && paper.error.status < 500 ? (
        <Refused error={paper.error} />
      ) : (
        <PageState loading={paper.loading} error={paper.error} ready={paper.data !== null} onRetry={paper.reload}>
          {paper.data && <Paper paper={paper.data} />}
        </PageState>
      )}
    </View>
  );
}

function Refused({ error }: { error: ApiError }) {
  return (
    <EmptyState mark="!" title="现在不能作答" description={error.message}>
      <XfButton
        size="large"
        block
        onClick={() => void Taro.navigateBack().catch(() => Taro.switchTab({ url: routes.study }))}
      >
        返回
      </XfButton>
    </EmptyState>
  );
}

function Paper({ paper }: { paper: AttemptPaper }) {
  const [answers, setAnswers] = useState<Answers>(() => loadAnswers(paper.attemptId));
  const [current, setCurrent] = useState(0);
  const [sheetOpen, setSheetOpen] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  // A refused or failed submission stays on screen with 重试 until it succeeds.
  const [submitError, setSubmitError] = useState<string | null>(null);
  const write = useWriteOnce();
  const deadline = useRef(Date.now() + paper.secondsLeft * 1000);
  const [secondsLeft, setSecondsLeft] = useState(paper.secondsLeft);
  const submitted = useRef(false);
  const total = paper.questions.length;
  const question = paper.questions[current];
  const answeredCount = paper.questions.filter((q) => (answers[q.position]?.length ?? 0) > 0).length;

  const choose = (position: number, chosen: number[]) => {
    setAnswers((before) => {
      const next = { ...before, [position]: chosen };
      Taro.setStorageSync(storageKey(paper.attemptId), next);
      return next;
    });
  };

  const submit = useCallback(
    async (auto: boolean) => {
      if (submitted.current) return;
      submitted.current = true;
      setSubmitting(true);
      setSubmitError(null);
      const body = {
        answers: Object.entries(answers)
          .filter(([, choices]) => choices.length > 0)
          .map(([position, choices]) => ({ position: Number(position), choices })),
      };
      try {
        // Sent until the server answers; the same answers keep the same key, so a repeat is never a second submission.
        await write.run(body, (control) => submitAttempt(paper.attemptId, body, control));
        Taro.removeStorageSync(storageKey(paper.attemptId));
        if (auto) void Taro.showToast({ title: '时间到，已自动交卷', icon: 'none' }).catch(() => undefined);
        void Taro.redirectTo({ url: `${routes.quizResult}?attemptId=${paper.attemptId}` });
      } catch (error) {
        const apiError = error as ApiError;
        if (apiError.code === 'ATTEMPT_TIME_UP') {
          Taro.removeStorageSync(storageKey(paper.attemptId));
          void Taro.redirectTo({ url: `${routes.quizResult}?attemptId=${paper.attemptId}` });
          return;
        }
        submitted.current = false;
        setSubmitting(false);
        setSubmitError(`交卷没有成功：${apiError.message || '请重试'}`);
      }
    },
    [answers, paper.attemptId, write],
  );

  const latestSubmit = useRef(submit);
  latestSubmit.current = submit;
  useEffect(() => {
    const timer = setInterval(() => {
      const left = Math.max(0, Math.round((deadline.current - Date.now()) / 1000));
      setSecondsLeft(left);
      if (left === 0) {
        clearInterval(timer);
        void latestSubmit.current(true);
      }
    }, 1000);
    return () => clearInterval(timer);
  }, []);

  const confirmSubmit = async () => {
    const unanswered = total - answeredCount;
    const { confirm } = await Taro.showModal({
      title: '确认交卷',
      content:
        unanswered > 0
          ? `还有 ${unanswered} 道题没有作答，交卷后不能修改。确定交卷吗？`
          : '交卷后不能修改答案。确定交卷吗？',
      confirmText: '交卷',
      cancelText: '再看看',
      confirmColor: '#C8161D',
    });
    if (confirm) await submit(false);
  };

  if (!question) return null;
  return (
    <View className="attempt__body">
      <View className="attempt__bar">
        <Text className="attempt__title">{paper.title}</Text>
        <Text className={`attempt__clock${secondsLeft <= 60 ? ' attempt__clock--urgent' : ''}`} aria-label="剩余时间">
          剩余 {clock(secondsLeft)}
        </Text>
      </View>
      <WriteStatus
        className="attempt__submit-status"
        state={write.state}
        error={submitError}
        onRetry={() => void submit(false)}
      />
      <Text className="attempt__progress">
        第 {current + 1} / {total} 题 · 已答 {answeredCount} 题
      </Text>

      <View className="attempt__card">
        <QuestionCard
          number={current + 1}
          kind={question.kind}
          stem={question.stem}
          options={question.options}
          chosen={answers[question.position] ?? []}
          onChange={(chosen) => choose(question.position, chosen)}
        />
      </View>

      <View className="attempt__nav">
        <XfButton className="attempt__nav-button" disabled={current === 0} onClick={() => setCurrent(current - 1)}>
          上一题
        </XfButton>
        <XfButton className="attempt__nav-button" onClick={() => setSheetOpen(!sheetOpen)}>
          答题卡
        </XfButton>
        {current < total - 1 ? (
          <XfButton className="attempt__nav-button" type="primary" onClick={() => setCurrent(current + 1)}>
            下一题
          </XfButton>
        ) : (
          <XfButton
            className="attempt__nav-button"
            type="primary"
            loading={submitting}
            onClick={() => void confirmSubmit()}
          >
            交卷
          </XfButton>
        )}
      </View>

      {sheetOpen && (
        <View className="attempt__sheet" aria-label="答题卡">
          <Text className="attempt__sheet-title">答题卡（点题号跳转）</Text>
          <View className="attempt__sheet-grid">
            {paper.questions.map((q, index) => {
              const done = (answers[q.position]?.length ?? 0) > 0;
              return (
                <View
                  key={q.position}
                  className={`attempt__cell${done ? ' attempt__cell--done' : ''}${index === current ? ' attempt__cell--current' : ''}`}
                  role="button"
                  aria-label={`第${index + 1}题${done ? '已答' : '未答'}`}
                  onClick={() => {
                    setCurrent(index);
                    setSheetOpen(false);
                  }}
                >
                  {index + 1}
                </View>
              );
            })}
          </View>
          <View className="attempt__legend">
            <Text className="attempt__legend-item attempt__legend-item--done">已答</Text>
            <Text className="attempt__legend-item">未答</Text>
          </View>
          <XfButton type="primary" size="large" block loading={submitting} onClick={() => void confirmSubmit()}>
            交卷
          </XfButton>
        </View>
      )}
    </View>
  );
}
