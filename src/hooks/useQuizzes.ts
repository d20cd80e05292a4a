import type { MyQuiz } from '@contract';
import { fetchMyQuizzes } from '../services/quiz';
import { type AsyncState, useAsync } from './useAsync';

/** The quizzes the signed-in member can take, with their own progress. */
export function useQuizzes(): AsyncState<MyQuiz[]> {
  return useAsync(() => fetchMyQuizzes({ silent: true }));
}
