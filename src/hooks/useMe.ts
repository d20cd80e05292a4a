import type { Me } from '@contract';
import { fetchMe } from '../services/me';
import { type AsyncState, useAsync } from './useAsync';

/** The signed-in member: profile, roles and this year's points summary. */
export function useMe(): AsyncState<Me> {
  return useAsync(() => fetchMe({ silent: true }));
}
