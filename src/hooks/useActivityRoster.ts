import type { ActivityRoster } from '@contract';
import { fetchActivityRoster } from '../services/activities';
import { type AsyncState, useAsync } from './useAsync';

/** The secretary's roster of one activity, with leave requests. */
export function useActivityRoster(id: number | null): AsyncState<ActivityRoster> {
  return useAsync(() => fetchActivityRoster(id as number, { silent: true }), { enabled: id !== null, key: id });
}
