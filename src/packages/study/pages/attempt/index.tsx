import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { AttemptPaper, MyQuiz } from '@contract';
import { EmptyState } from '../../../../components/empty-state';
import { PageState } from '../../../../components/page-state';
import { Section } from '../../../../components/section';
import { Tag } from '../../../../components/tag';
import { WriteStatus } from '../../../../components/write-status';
import { XfButton } from '../../../../components/xf-button';
import { useAsync } from '../../../../hooks/useAsync';
import { useWriteOnce } from '../../../../hooks/useWriteOnce';
import type { ApiError } from '../../../../services/api-error';
import { fetchMyQuizzes, startAttempt, submitAttempt } from '../../../../services/quiz';
import { routes } from '../../../../services/routes';
import { formatDateTime } from '../../../../utils/format';
import { QuestionCard } from '../../components/question-card';
import { showNotice } from '../../../../utils/notice';
import './index.scss';
import { useTextScale } from '../../../../hooks/useTextScale';

type Answers = Record<number, number[]>;
const storageKey = (attemptId: number) => `xf-attempt-${attemptId}`;

function loadAnswers(attemptId: number): Answers {
  const saved = Taro.getStorageSync(storageKey(attemptId)) as Answers | '';
  return saved && typeof saved === 'object' ? saved : {};
}

const clock = (seconds: number) =>
  `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;

/**
 * Takes a quiz. First a start screen says what the exam asks (time limit, pass mark, questions,
 * attempts left); the server draws the paper and starts the clock only on 开始答题. An attempt
 * already running (the member left the page) resumes at once: its clock is running anyway.
 */
export default function AttemptPage() {
  const text = useTextScale();
  const { params } = useRouter();
  const quizId = Number(params.quizId);
  const quizzes = useAsync(() => fetchMyQuizzes({ silent: true }), { enabled: quizId > 0, key: quizId });
  const quiz = quizzes.data?.find((q) => q.id === quizId) ?? null;
  const [paper, setPaper] = useState<AttemptPaper | null>(null);
  const [starting, setStarting] = useState(false);
  const [refusal, setRefusal] = useState<ApiError | null>(null);

  const start = useCallback(async () => {
    setStarting(true);
    try {
      setPaper(await startAttempt(quizId));
    } catch (caught) {
      const error = caught as ApiError;
      if (error.status > 0 && error.status < 500) setRefusal(error);
      else void showNotice(error.message || '没有开始成功，请重试');
    } finally {
      setStarting(false);
    }
  }, [quizId]);

  const resume = quiz?.inProgressAttemptId ?? null;
  const resumed = useRef(false);
  useEffect(() => {
    if (resume === null || resumed.current) return;
    resumed.current = true;
    void start();
  }, [resume, start]);

  if (!(quizId > 0)) {
    return (
      <View style={text.style} className="xf-page attempt">
        <EmptyState mark="!" title="没有找到这场答题" description="请返回学习页重新选择。" />
      </View>
    );
  }
  return (
    <View style={text.style} className="xf-page attempt">
      {refusal ? (
        <Refused error={refusal} />
      ) : paper ? (
        <Paper paper={paper} />
      ) : (
        <PageState
          loading={quizzes.loading || (resume !== null && starting)}
          error={quizzes.error}
          ready={quizzes.data !== null}
          onRetry={quizzes.reload}
        >
          {quizzes.data &&
            (quiz ? (
              <StartScreen quiz={quiz} starting={starting} onStart={() => void start()} />
            ) : (
              <EmptyState mark="!" title="没有找到这场答题" description="它可能已经截止较久，或不面向您所在的支部。" />
            ))}
        </PageState>
      )}
    </View>
  );
}

/** What a member should know before the clock starts, and one clear 开始答题. */
function StartScreen({ quiz, starting, onStart }: { quiz: MyQuiz; starting: boolean; onStart: () => void }) {
  const left = Math.max(0, quiz.maxAttempts - quiz.attemptsUsed);
  const blocked = quiz.inProgressAttemptId
    ? null
    : quiz.status === 'upcoming'
      ? `${formatDateTime(quiz.opensAt)} 开始，现在还不能作答`
      : quiz.status === 'closed'
        ? `已于 ${formatDateTime(quiz.closesAt)} 截止`
        : left === 0
          ? `每人最多作答 ${quiz.maxAttempts} 次，您的作答次数已用完`
          : null;
  const facts: Array<[string, string]> = [
    ['题目', `${quiz.questionCount} 道`],
    ['时间', `${quiz.timeLimitMinutes} 分钟`],
    ['合格线', `${quiz.passMark} 分（满分 100 分）`],
    ['作答次数', `还剩 ${left} 次（共 ${quiz.maxAttempts} 次）`],
    ['截止', formatDateTime(quiz.closesAt)],
  ];
  return (
    <View className="attempt__start">
      <Section>
        <Text className="attempt__start-title">{quiz.title}</Text>
        <View className="attempt__start-tags">
          <Tag tone="red">{quiz.kind === 'exam' ? '考试' : '练习'}</Tag>
          {quiz.bestScore !== null && (
            <Tag tone={quiz.passed ? 'green' : 'amber'}>
              最好成绩 {quiz.bestScore} 分{quiz.passed ? ' · 合格' : ''}
            </Tag>
          )}
        </View>
        <View className="attempt__facts">
          {facts.map(([label, value]) => (
            <View key={label} className="attempt__fact">
              <Text className="attempt__fact-label">{label}</Text>
              <Text className="attempt__fact-value">{value}</Text>
            </View>
          ))}
        </View>
      </Section>
      {blocked ? (
        <EmptyState mark="!" title="现在不能作答" description={blocked}>
          <XfButton size="large" block onClick={() => void Taro.switchTab({ url: routes.study })}>
            返回学习
          </XfButton>
        </EmptyState>
      ) : (
        <Section>
          <Text className="attempt__start-note">
            点「开始答题」后开始计时，{quiz.timeLimitMinutes} 分钟后自动交卷；中途退出，计时不会暂停。
            {left === 1 ? '这是您最后一次作答机会，请准备好再开始。' : ''}
          </Text>
          <XfButton type="primary" size="large" block loading={starting} onClick={onStart}>
            {quiz.inProgressAttemptId ? '继续答题' : '开始答题'}
          </XfButton>
          <XfButton
            size="large"
            block
            className="attempt__start-back"
            onClick={() => void Taro.navigateBack().catch(() => Taro.switchTab({ url: routes.study }))}
          >
            稍后再答
          </XfButton>
        </Section>
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
        if (auto) void showNotice('时间到，已自动交卷');
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
