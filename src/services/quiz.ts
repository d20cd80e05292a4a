import type {
  AttemptPaper,
  AttemptResult,
  AttemptView,
  DailyPracticeStatus,
  ExtendQuizBody,
  ImportReport,
  ManagedQuiz,
  MyQuiz,
  PracticeAnswerBody,
  PracticeSession,
  Question,
  QuestionBody,
  QuestionPage,
  QuestionQuery,
  QuizBody,
  QuizNotTaken,
  QuizStats,
  StatsOverview,
  SubmitBody,
  WrongBook,
  WrongBookQuestion,
} from '@contract';
import { writeOnce, type WriteControl } from './write-once';
import { del, download, get, post, put, upload, type PickedFile, type RequestOptions } from './request';

const query = (params: Record<string, string | number | boolean | undefined>) => {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
};

// ---- members

export const fetchMyQuizzes = (options?: RequestOptions) => get<MyQuiz[]>('/api/quizzes', options);

/** Starts an attempt, or resumes the one still running: the server draws and times it. */
export const startAttempt = (quizId: number) =>
  post<AttemptPaper>(`/api/quizzes/${quizId}/attempts`, undefined, { silent: true });

export const fetchAttempt = (attemptId: number, options?: RequestOptions) =>
  get<AttemptView>(`/api/attempts/${attemptId}`, options);

export const submitAttempt = (attemptId: number, body: SubmitBody, write?: Partial<WriteControl>) =>
  writeOnce<AttemptResult>(
    { method: 'POST', url: `/api/attempts/${attemptId}/submit`, data: body },
    { silent: true, ...write },
  );

export const fetchDailyPracticeStatus = (options?: RequestOptions) =>
  get<DailyPracticeStatus>('/api/practice/daily/status', options);

export const openDailyPractice = () => post<PracticeSession>('/api/practice/daily', undefined, { silent: true });

export const startWrongBookPractice = () =>
  post<PracticeSession>('/api/practice/wrong-book', undefined, { silent: true });

export const answerPractice = (sessionId: number, body: PracticeAnswerBody, write?: Partial<WriteControl>) =>
  writeOnce<PracticeSession>({ method: 'POST', url: `/api/practice/sessions/${sessionId}/answers`, data: body }, write);

export const fetchWrongBook = (options?: RequestOptions) => get<WrongBook>('/api/me/wrong-book', options);

/** One missed question with its answer and explanation (refused during an exam that holds it). */
export const fetchWrongBookQuestion = (questionId: number, options?: RequestOptions) =>
  get<WrongBookQuestion>(`/api/me/wrong-book/${questionId}`, options);

// ---- secretaries and org admins

export const fetchQuestions = (filter: QuestionQuery, options?: RequestOptions) =>
  get<QuestionPage>(`/api/questions${query({ ...filter })}`, options);

export const createQuestion = (body: QuestionBody) => post<Question>('/api/questions', body, { silent: true });

export const updateQuestion = (id: number, body: QuestionBody) =>
  put<Question>(`/api/questions/${id}`, body, { silent: true });

export const archiveQuestion = (id: number) => del<null>(`/api/questions/${id}`);

export const importQuestions = (file: PickedFile, skipInvalid: boolean) =>
  upload<ImportReport>(`/api/questions/import${query({ skipInvalid: skipInvalid || undefined })}`, file, {
    silent: true,
  });

export const downloadQuestionFile = (what: 'template' | 'export', format: 'xlsx' | 'csv') =>
  download(`/api/questions/${what}?format=${format}`, `${what === 'template' ? '题库导入模板' : '题库'}.${format}`);

export const fetchManagedQuizzes = (options?: RequestOptions) => get<ManagedQuiz[]>('/api/manage/quizzes', options);

export const createQuiz = (body: QuizBody) => post<ManagedQuiz>('/api/quizzes', body, { silent: true });

export const updateQuiz = (quizId: number, body: QuizBody) =>
  put<ManagedQuiz>(`/api/quizzes/${quizId}`, body, { silent: true });

export const extendQuiz = (quizId: number, body: ExtendQuizBody) =>
  post<ManagedQuiz>(`/api/quizzes/${quizId}/extend`, body);

export const closeQuiz = (quizId: number) => post<ManagedQuiz>(`/api/quizzes/${quizId}/close`, undefined);

export const fetchQuizNotTaken = (quizId: number, options?: RequestOptions) =>
  get<QuizNotTaken>(`/api/quizzes/${quizId}/not-taken`, options);

export const fetchQuizStats = (quizId: number, options?: RequestOptions) =>
  get<QuizStats>(`/api/quizzes/${quizId}/stats`, options);

export const fetchStatsOverview = (branchId?: number, options?: RequestOptions) =>
  get<StatsOverview>(`/api/quiz-stats${query({ branchId })}`, options);

export const fetchQuestion = (id: number, options?: RequestOptions) => get<Question>(`/api/questions/${id}`, options);
