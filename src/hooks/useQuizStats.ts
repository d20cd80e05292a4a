import type { QuizStats, StatsOverview } from '@contract';
import { fetchQuizStats, fetchStatsOverview } from '../services/quiz';
import { type AsyncState, useAsync } from './useAsync';

/** Participation, pass rates and accuracy of one quiz, in the reader's scope. */
export function useQuizStats(quizId: number): AsyncState<QuizStats> {
  return useAsync(() => fetchQuizStats(quizId, { silent: true }), { enabled: quizId > 0, key: quizId });
}

/** Every quiz and branch in the reader's scope, and accuracy by tag. */
export function useStatsOverview(branchId?: number): AsyncState<StatsOverview> {
  return useAsync(() => fetchStatsOverview(branchId, { silent: true }), { key: branchId ?? 0 });
}
