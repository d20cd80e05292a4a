import type { MyActivities } from '@contract';
import { fetchMyActivities } from '../services/activities';
import { type AsyncState, useAsync } from './useAsync';

/** The member's upcoming activities, or a past year's with the tally of how they took part. */
export function useMyActivities(when: 'upcoming' | 'past', year?: number, enabled = true): AsyncState<MyActivities> {
  return useAsync(() => fetchMyActivities(when, year, { silent: true }), { enabled, key: `${when}-${year ?? ''}` });
}
