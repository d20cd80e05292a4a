// Typed quiz responses for app tests.
import type { AttemptPaper, AttemptResult, MyQuiz, PracticeSession, WrongBook, WrongBookQuestion } from '@contract';

export const openQuiz: MyQuiz = {
  id: 7,
  title: '11月党章党规综合测试',
  kind: 'exam',
  branch: null,
  questionCount: 3,
  questionIds: null,
  draw: null,
  timeLimitMinutes: 20,
  passMark: 60,
  maxAttempts: 1,
  opensAt: '2026-11-18T09:00:00.000+08:00',
  closesAt: '2026-12-02T18:00:00.000+08:00',
  status: 'open',
  attemptsUsed: 0,
  bestScore: null,
  passed: false,
  inProgressAttemptId: null,
  lastSubmittedAttemptId: null,
};

export const doneQuiz: MyQuiz = {
  ...openQuiz,
  id: 5,
  title: '党的纪律规矩专题测试',
  status: 'closed',
  attemptsUsed: 1,
  bestScore: 80,
  passed: true,
  lastSubmittedAttemptId: 51,
};

export const paper: AttemptPaper = {
  attemptId: 70,
  quizId: 7,
  title: '11月党章党规综合测试',
  attemptNo: 1,
  startedAt: '2026-11-23T10:00:00.000+08:00',
  deadlineAt: '2026-11-23T10:20:00.000+08:00',
  secondsLeft: 1200,
  questions: [
    {
      position: 0,
      questionId: 1,
      kind: 'single',
      stem: '申请入党的人，要有几名正式党员作介绍人？',
      options: ['三名', '两名', '一名'],
    },
    {
      position: 1,
      questionId: 2,
      kind: 'multiple',
      stem: '对党员的纪律处分种类包括（ ）。',
      options: ['降级', '警告', '严重警告'],
    },
    { position: 2, questionId: 3, kind: 'judge', stem: '预备党员的预备期为一年。', options: ['正确', '错误'] },
  ],
};

export const result: AttemptResult = {
  attemptId: 70,
  quizId: 7,
  title: '11月党章党规综合测试',
  kind: 'exam',
  attemptNo: 1,
  state: 'submitted',
  score: 83,
  passMark: 60,
  passed: true,
  fullMarks: false,
  correctCount: 2,
  startedAt: '2026-11-23T10:00:00.000+08:00',
  submittedAt: '2026-11-23T10:05:00.000+08:00',
  pointsEarned: 2,
  questions: [
    {
      ...paper.questions[0]!,
      chosen: [1],
      answer: [1],
      credit: 1,
      explanation: '《中国共产党章程》第五条：要有两名正式党员作介绍人。',
    },
    {
      ...paper.questions[1]!,
      chosen: [1],
      answer: [1, 2],
      credit: 0.5,
      explanation: '《中国共产党纪律处分条例》第八条列明五种处分。',
    },
    {
      ...paper.questions[2]!,
      chosen: [0],
      answer: [0],
      credit: 1,
      explanation: '《中国共产党章程》第七条：预备党员的预备期为一年。',
    },
  ],
};

export const dailySession: PracticeSession = {
  id: 9,
  kind: 'daily',
  day: '2026-11-23',
  completed: false,
  correctCount: 0,
  pointsEarned: 0,
  items: [
    {
      position: 0,
      questionId: 3,
      kind: 'judge',
      stem: '预备党员的预备期为一年。',
      options: ['正确', '错误'],
      feedback: null,
    },
  ],
};

export const wrongBook: WrongBook = {
  total: 1,
  items: [
    {
      questionId: 2,
      kind: 'multiple',
      stem: '对党员的纪律处分种类包括（ ）。',
      tags: ['纪律'],
      misses: 2,
      streak: 1,
      lastMissedAt: '2026-11-20T10:00:00.000+08:00',
    },
  ],
};

export const wrongBookQuestion: WrongBookQuestion = {
  questionId: 2,
  kind: 'multiple',
  stem: '对党员的纪律处分种类包括（ ）。',
  options: ['警告', '严重警告', '罚款', '开除党籍'],
  answer: [0, 1, 3],
  explanation: '党章第四十二条：警告、严重警告、撤销党内职务、留党察看、开除党籍。',
};
