import type { ActivityDetail } from '@contract';
import { fetchActivity } from '../services/activities';
import { type AsyncState, useAsync } from './useAsync';

/** One activity as the reader sees it (with their own standing); waits for a valid id. */
export function useActivity(id: number | null): AsyncState<ActivityDetail> {
  return useAsync(() => fetchActivity(id as number, { silent: true }), { enabled: id !== null, key: id });
}
