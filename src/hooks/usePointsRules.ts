import type { PointsRules } from '@contract';
import { fetchPointsRules } from '../services/points';
import { type AsyncState, useAsync } from './useAsync';

export function usePointsRules(): AsyncState<PointsRules> {
  return useAsync(() => fetchPointsRules({ silent: true }));
}
