import { useEffect, useRef } from 'react';
import type { CheckInDisplay } from '@contract';
import { fetchCheckInDisplay } from '../services/activities';
import { type AsyncState, useAsync } from './useAsync';
import { LIVE_POLL_MS, useLivePoll } from './useLivePoll';

/** How often the check-in screen asks for counts and names; the code itself turns every 15 s. */
export const DISPLAY_POLL_MS = LIVE_POLL_MS;

/**
 * The live check-in screen: the current code and who is in, refreshed by itself every few
 * seconds and right when the code turns, while the page is on screen (the same short polling
 * as the roster; it stops when the page is hidden).
 */
export function useCheckInDisplay(id: number | null): AsyncState<CheckInDisplay> {
  const state = useAsync(() => fetchCheckInDisplay(id as number, { silent: true }), {
    enabled: id !== null,
    key: id,
  });
  const reload = useRef(state.reload);
  reload.current = state.reload;
  const refreshAt = state.data?.refreshAt;
  const serverTime = state.data?.serverTime;
  const live = id !== null && state.data?.status !== 'closed' && state.data?.status !== 'cancelled';

  useLivePoll(state.reload, live, DISPLAY_POLL_MS);

  useEffect(() => {
    if (!refreshAt || !serverTime || !live) return undefined;
    // Judge the turn by the server's clock: the phone's may be off by minutes.
    const wait = Math.max(200, Date.parse(refreshAt) - Date.parse(serverTime) + 150);
    const timer = setTimeout(() => void reload.current(), wait);
    return () => clearTimeout(timer);
  }, [refreshAt, serverTime, live]);

  return state;
}
