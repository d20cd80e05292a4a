// Online quizzes (线上答题): the question bank, quizzes, attempts, daily practice (每日一练)
// and the wrong-answer book (错题本). A paper sent before submission never carries answers.
import { Type, type Static } from 'typebox';
import { BranchRef } from './org.js';
import { Id, Instant } from './common.js';

export const QuestionKind = Type.Union([Type.Literal('single'), Type.Literal('multiple'), Type.Literal('judge')], {
  description: 'single 单选 / multiple 多选 / judge 判断',
});
export type QuestionKind = Static<typeof QuestionKind>;

export const Difficulty = Type.Integer({ minimum: 1, maximum: 3, description: '难度 1 易 / 2 中 / 3 难' });
const Tag = Type.String({ minLength: 1, maxLength: 20 });
const OptionText = Type.String({ minLength: 1, maxLength: 200 });

/** A bank question as managers see it, answer included. */
export const Question = Type.Object({
  id: Id,
  kind: QuestionKind,
  stem: Type.String(),
  options: Type.Array(Type.String()),
  /** Indexes into options, ascending. */
  answer: Type.Array(Type.Integer({ minimum: 0 })),
  explanation: Type.String(),
  tags: Type.Array(Type.String()),
  difficulty: Difficulty,
  source: Type.Union([Type.String(), Type.Null()]),
  /** null: the org-wide bank, kept by the org admin; else the branch whose secretary keeps it. */
  branch: Type.Union([BranchRef, Type.Null()]),
  /** Whether the reader may edit or archive it. */
  editable: Type.Boolean(),
  /** Why the reader may not, e.g. 本题由组织管理员维护; null when editable. */
  readOnlyReason: Type.Union([Type.String(), Type.Null()]),
});
export type Question = Static<typeof Question>;

const questionFields = {
  kind: QuestionKind,
  stem: Type.String({ minLength: 4, maxLength: 500 }),
  options: Type.Array(OptionText, { minItems: 2, maxItems: 8 }),
  answer: Type.Array(Type.Integer({ minimum: 0, maximum: 7 }), { minItems: 1, maxItems: 8 }),
  explanation: Type.String({ minLength: 2, maxLength: 1000 }),
  tags: Type.Array(Tag, { maxItems: 8 }),
  difficulty: Difficulty,
  source: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
};
/** A question's content; its owner never changes after creation. */
export const QuestionBody = Type.Object(questionFields, { additionalProperties: false });
export type QuestionBody = Static<typeof QuestionBody>;

export const NewQuestionBody = Type.Object(
  {
    ...questionFields,
    /**
     * The owner. Omitted: the org-wide bank for the org admin, the own branch for a secretary.
     * null (org-wide) is for the org admin only.
     */
    branchId: Type.Optional(Type.Union([Id, Type.Null()])),
  },
  { additionalProperties: false },
);
export type NewQuestionBody = Static<typeof NewQuestionBody>;

export const QuestionQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 50, description: '题干关键词' })),
    tag: Type.Optional(Tag),
    kind: Type.Optional(QuestionKind),
    difficulty: Type.Optional(Difficulty),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 30 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000, default: 0 })),
  },
  { additionalProperties: false },
);
export type QuestionQuery = Static<typeof QuestionQuery>;

export const QuestionPage = Type.Object({
  items: Type.Array(Question),
  total: Type.Integer({ minimum: 0 }),
  /** Every tag in the bank with its number of questions, for the filter. */
  tags: Type.Array(Type.Object({ tag: Type.String(), count: Type.Integer() })),
});
export type QuestionPage = Static<typeof QuestionPage>;

export const FileFormat = Type.Union([Type.Literal('xlsx'), Type.Literal('csv')]);
export const FileFormatQuery = Type.Object(
  { format: Type.Optional(Type.Union([Type.Literal('xlsx'), Type.Literal('csv')], { default: 'xlsx' })) },
  { additionalProperties: false },
);
export const ImportQuery = Type.Object(
  {
    /** Import the clean rows even when others are bad. Without it a file with any bad row imports nothing. */
    skipInvalid: Type.Optional(Type.Boolean({ default: false })),
    /** Where the questions go; as for a new question (omitted: org-wide for the org admin, the own branch for a secretary). */
    branchId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export const ImportRowError = Type.Object({
  /** The row number as the spreadsheet shows it (the header is row 1). */
  row: Type.Integer({ minimum: 1 }),
  /** The row's filled cells, quoted so the uploader finds it without counting rows. */
  text: Type.Optional(Type.String()),
  message: Type.String(),
});
export const ImportReport = Type.Object({
  code: Type.Optional(Type.String()),
  message: Type.String(),
  /** Question rows read (blank rows are ignored). */
  total: Type.Integer({ minimum: 0 }),
  imported: Type.Integer({ minimum: 0 }),
  errors: Type.Array(ImportRowError),
});
export type ImportReport = Static<typeof ImportReport>;

export const QuizKind = Type.Union([Type.Literal('exam'), Type.Literal('practice')], {
  description: 'exam 考试（合格计分） / practice 练习',
});
export type QuizKind = Static<typeof QuizKind>;

export const DrawRule = Type.Object(
  {
    count: Type.Integer({ minimum: 1, maximum: 100 }),
    kinds: Type.Optional(Type.Array(QuestionKind, { maxItems: 3 })),
    tags: Type.Optional(Type.Array(Tag, { maxItems: 10 })),
    difficulties: Type.Optional(Type.Array(Difficulty, { maxItems: 3 })),
  },
  { additionalProperties: false },
);
export type DrawRule = Static<typeof DrawRule>;

export const QuizBody = Type.Object(
  {
    title: Type.String({ minLength: 2, maxLength: 60 }),
    kind: QuizKind,
    /** null: the whole organisation (org admin only). */
    branchId: Type.Union([Id, Type.Null()]),
    /** Exactly one of questionIds (fixed paper) and draw (random per attempt). */
    questionIds: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 100 })),
    draw: Type.Optional(DrawRule),
    timeLimitMinutes: Type.Integer({ minimum: 1, maximum: 180 }),
    passMark: Type.Integer({ minimum: 0, maximum: 100 }),
    maxAttempts: Type.Integer({ minimum: 1, maximum: 10 }),
    opensAt: Instant,
    closesAt: Instant,
  },
  { additionalProperties: false },
);
export type QuizBody = Static<typeof QuizBody>;

export const QuizStatus = Type.Union([Type.Literal('upcoming'), Type.Literal('open'), Type.Literal('closed')]);

export const QuizSummary = Type.Object({
  id: Id,
  title: Type.String(),
  kind: QuizKind,
  branch: Type.Union([BranchRef, Type.Null()]),
  questionCount: Type.Integer({ minimum: 1 }),
  /** The fixed paper or the draw rule; null on member-facing lists. */
  questionIds: Type.Union([Type.Array(Id), Type.Null()]),
  draw: Type.Union([DrawRule, Type.Null()]),
  timeLimitMinutes: Type.Integer(),
  passMark: Type.Integer(),
  maxAttempts: Type.Integer(),
  opensAt: Instant,
  closesAt: Instant,
  status: QuizStatus,
});
export type QuizSummary = Static<typeof QuizSummary>;

/** A quiz as its managers see it: with how many attempts it has had (none: it can still be edited). */
export const ManagedQuiz = Type.Object({
  ...QuizSummary.properties,
  attempts: Type.Integer({ minimum: 0 }),
});
export type ManagedQuiz = Static<typeof ManagedQuiz>;

export const ExtendQuizBody = Type.Object({ closesAt: Instant }, { additionalProperties: false });
export type ExtendQuizBody = Static<typeof ExtendQuizBody>;

/** Who in the audience (the branches the caller looks after) has not submitted an attempt. */
export const QuizNotTaken = Type.Object({
  audience: Type.Integer({ minimum: 0 }),
  taken: Type.Integer({ minimum: 0 }),
  members: Type.Array(
    Type.Object({
      id: Id,
      name: Type.String(),
      branch: BranchRef,
      /** Started and still within the attempt's own time. */
      inProgress: Type.Boolean(),
    }),
  ),
});
export type QuizNotTaken = Static<typeof QuizNotTaken>;

export const MyQuiz = Type.Object({
  ...QuizSummary.properties,
  attemptsUsed: Type.Integer({ minimum: 0 }),
  bestScore: Type.Union([Type.Integer(), Type.Null()]),
  passed: Type.Boolean(),
  /** An attempt started and still within its time: reopening it resumes the same paper. */
  inProgressAttemptId: Type.Union([Id, Type.Null()]),
  lastSubmittedAttemptId: Type.Union([Id, Type.Null()]),
});
export type MyQuiz = Static<typeof MyQuiz>;

/** A question as shown during an attempt or practice: options in the shown order, no answer, no explanation. */
export const PaperQuestion = Type.Object({
  position: Type.Integer({ minimum: 0 }),
  questionId: Id,
  kind: QuestionKind,
  stem: Type.String(),
  options: Type.Array(Type.String()),
});
export type PaperQuestion = Static<typeof PaperQuestion>;

export const AttemptPaper = Type.Object({
  attemptId: Id,
  quizId: Id,
  title: Type.String(),
  attemptNo: Type.Integer({ minimum: 1 }),
  startedAt: Instant,
  /** The server's deadline; the submission is accepted up to a short grace after it. */
  deadlineAt: Instant,
  /** Seconds left by the server's clock when this was sent, so the countdown ignores the phone's clock. */
  secondsLeft: Type.Integer({ minimum: 0 }),
  questions: Type.Array(PaperQuestion),
});
export type AttemptPaper = Static<typeof AttemptPaper>;

/** Choices by position in the paper, option indexes in the shown order. */
export const SubmitBody = Type.Object(
  {
    answers: Type.Array(
      Type.Object(
        {
          position: Type.Integer({ minimum: 0, maximum: 99 }),
          choices: Type.Array(Type.Integer({ minimum: 0, maximum: 7 }), { maxItems: 8 }),
        },
        { additionalProperties: false },
      ),
      { maxItems: 100 },
    ),
  },
  { additionalProperties: false },
);
export type SubmitBody = Static<typeof SubmitBody>;

export const GradedQuestion = Type.Object({
  ...PaperQuestion.properties,
  chosen: Type.Array(Type.Integer()),
  answer: Type.Array(Type.Integer()),
  /** 1 right, 0.5 a correct part of a multiple choice, 0 wrong or blank. */
  credit: Type.Number(),
  explanation: Type.String(),
});
export type GradedQuestion = Static<typeof GradedQuestion>;

export const AttemptResult = Type.Object({
  attemptId: Id,
  quizId: Id,
  title: Type.String(),
  kind: QuizKind,
  attemptNo: Type.Integer({ minimum: 1 }),
  /** submitted, or expired: the time ran out without a submission (scored 0). */
  state: Type.Union([Type.Literal('submitted'), Type.Literal('expired')]),
  score: Type.Integer({ minimum: 0, maximum: 100 }),
  passMark: Type.Integer(),
  passed: Type.Boolean(),
  fullMarks: Type.Boolean(),
  correctCount: Type.Integer({ minimum: 0 }),
  startedAt: Instant,
  submittedAt: Type.Union([Instant, Type.Null()]),
  /** Points this attempt earned (pass and full-marks bonus), after caps. */
  pointsEarned: Type.Integer(),
  questions: Type.Array(GradedQuestion),
});
export type AttemptResult = Static<typeof AttemptResult>;

export const AttemptView = Type.Union([
  Type.Object({ state: Type.Literal('in_progress'), paper: AttemptPaper }),
  Type.Object({ state: Type.Literal('finished'), result: AttemptResult }),
]);
export type AttemptView = Static<typeof AttemptView>;

// ---- practice (每日一练, 错题本)

export const PracticeKind = Type.Union([Type.Literal('daily'), Type.Literal('wrong_book')]);
export type PracticeKind = Static<typeof PracticeKind>;

export const PracticeFeedback = Type.Object({
  chosen: Type.Array(Type.Integer()),
  answer: Type.Array(Type.Integer()),
  correct: Type.Boolean(),
  explanation: Type.String(),
});
export type PracticeFeedback = Static<typeof PracticeFeedback>;

export const PracticeItem = Type.Object({
  ...PaperQuestion.properties,
  feedback: Type.Union([PracticeFeedback, Type.Null()]),
});
export type PracticeItem = Static<typeof PracticeItem>;

export const PracticeSession = Type.Object({
  id: Id,
  kind: PracticeKind,
  day: Type.Union([Type.String(), Type.Null()]),
  completed: Type.Boolean(),
  correctCount: Type.Integer({ minimum: 0 }),
  /** Points earned for completing it (daily practice only, after the monthly cap). */
  pointsEarned: Type.Integer(),
  items: Type.Array(PracticeItem),
});
export type PracticeSession = Static<typeof PracticeSession>;

export const PracticeAnswerBody = Type.Object(
  {
    position: Type.Integer({ minimum: 0, maximum: 99 }),
    choices: Type.Array(Type.Integer({ minimum: 0, maximum: 7 }), { minItems: 1, maxItems: 8 }),
  },
  { additionalProperties: false },
);
export type PracticeAnswerBody = Static<typeof PracticeAnswerBody>;

export const WrongBookItem = Type.Object({
  questionId: Id,
  kind: QuestionKind,
  stem: Type.String(),
  tags: Type.Array(Type.String()),
  misses: Type.Integer({ minimum: 1 }),
  /** Correct answers in a row since the last miss; at 2 the question leaves the book. */
  streak: Type.Integer({ minimum: 0 }),
  lastMissedAt: Instant,
});
/** Today's daily practice (China day), so the study page can say 今日已完成. */
export const DailyPracticeStatus = Type.Object({
  day: Type.String({ description: 'YYYY-MM-DD' }),
  /** Drawn today (the member opened it). */
  started: Type.Boolean(),
  completed: Type.Boolean(),
  answered: Type.Integer({ minimum: 0 }),
  total: Type.Integer({ minimum: 0 }),
  correctCount: Type.Integer({ minimum: 0 }),
});
export type DailyPracticeStatus = Static<typeof DailyPracticeStatus>;

export type WrongBookItem = Static<typeof WrongBookItem>;

/**
 * One question of the member's wrong-answer book opened: as it reads now, options in their own
 * order, with the answer and the explanation. The list never carries answers; this is asked for
 * one question at a time and refused while an attempt holding it is running.
 */
export const WrongBookQuestion = Type.Object({
  questionId: Id,
  kind: QuestionKind,
  stem: Type.String(),
  options: Type.Array(Type.String()),
  /** Indexes into options, ascending. */
  answer: Type.Array(Type.Integer({ minimum: 0 })),
  explanation: Type.String(),
});
export type WrongBookQuestion = Static<typeof WrongBookQuestion>;
export const WrongBook = Type.Object({ total: Type.Integer({ minimum: 0 }), items: Type.Array(WrongBookItem) });
export type WrongBook = Static<typeof WrongBook>;

// ---- stats

export const RateRow = Type.Object({
  audience: Type.Integer({ minimum: 0 }),
  participants: Type.Integer({ minimum: 0 }),
  passed: Type.Integer({ minimum: 0 }),
  /** participants / audience, 0..1; null with no audience. */
  participationRate: Type.Union([Type.Number(), Type.Null()]),
  /** passed / participants, 0..1; null with no participant. */
  passRate: Type.Union([Type.Number(), Type.Null()]),
  averageScore: Type.Union([Type.Number(), Type.Null()]),
});
export type RateRow = Static<typeof RateRow>;

export const BranchRate = Type.Object({ branch: BranchRef, ...RateRow.properties });
export type BranchRate = Static<typeof BranchRate>;

export const Accuracy = Type.Object({
  answers: Type.Integer({ minimum: 0 }),
  /** Mean credit, 0..1. */
  accuracy: Type.Number(),
});
export const QuestionAccuracy = Type.Object({
  questionId: Id,
  stem: Type.String(),
  tags: Type.Array(Type.String()),
  ...Accuracy.properties,
});
export const TagAccuracy = Type.Object({ tag: Type.String(), ...Accuracy.properties });
export type TagAccuracy = Static<typeof TagAccuracy>;

export const FlaggedAttempt = Type.Object({
  attemptId: Id,
  member: Type.Object({ id: Id, name: Type.String() }),
  branch: Type.Union([BranchRef, Type.Null()]),
  score: Type.Integer(),
  seconds: Type.Integer({ minimum: 0 }),
  reason: Type.String(),
});

export const QuizStats = Type.Object({
  quiz: QuizSummary,
  overall: RateRow,
  branches: Type.Array(BranchRate),
  /** Weakest first. */
  questions: Type.Array(QuestionAccuracy),
  /** Weakest first. */
  tags: Type.Array(TagAccuracy),
  flagged: Type.Array(FlaggedAttempt),
});
export type QuizStats = Static<typeof QuizStats>;

export const StatsOverviewQuery = Type.Object({ branchId: Type.Optional(Id) }, { additionalProperties: false });
export const StatsOverview = Type.Object({
  /** The branch the figures are limited to; null: every branch the reader manages. */
  branch: Type.Union([BranchRef, Type.Null()]),
  quizzes: Type.Array(Type.Object({ quiz: QuizSummary, ...RateRow.properties })),
  branches: Type.Array(BranchRate),
  /** Across every quiz answer in scope, weakest first. */
  tags: Type.Array(TagAccuracy),
});
export type StatsOverview = Static<typeof StatsOverview>;

/** A question in the caller's own 错题本 (`/me/...`: the book is the session's, no other owner). */
export const WrongBookParams = Type.Object({ questionId: Id }, { additionalProperties: false });
