import type { MySubscriptions, Subscription } from '@contract';
import { fetchMySubscriptions } from '../services/subscriptions';
import { subscribeAvailable } from '../utils/platform';
import { type AsyncState, useAsync } from './useAsync';

/**
 * The member's reminders and the template ids to ask WeChat for. Only in the mini-program: the
 * H5 app has no subscribe messages, so it asks nothing.
 */
export function useSubscriptions(): AsyncState<MySubscriptions> {
  return useAsync(() => fetchMySubscriptions({ silent: true }), { enabled: subscribeAvailable() });
}

/** The pending subscription for a kind and target, if the member has one. */
export function pendingFor(
  data: MySubscriptions | null,
  kind: Subscription['kind'],
  target: { type: Subscription['targetType']; id: number | null } = { type: null, id: null },
): Subscription | undefined {
  return data?.items.find(
    (item) =>
      item.kind === kind &&
      (item.status === 'pending' || item.status === 'claimed') &&
      item.targetType === target.type &&
      item.targetId === target.id,
  );
}
