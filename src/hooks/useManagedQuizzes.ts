import type { ManagedQuiz } from '@contract';
import { fetchManagedQuizzes } from '../services/quiz';
import { type AsyncState, useAsync } from './useAsync';

/** Quizzes a secretary or org admin looks after (`enabled: false`: not needed, nothing is fetched). */
export function useManagedQuizzes(enabled = true): AsyncState<ManagedQuiz[]> {
  return useAsync(() => fetchManagedQuizzes({ silent: true }), { enabled });
}
