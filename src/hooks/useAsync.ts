import { useCallback, useEffect, useRef, useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { ApiError, UNEXPECTED_RESPONSE } from '../services/api-error';

export interface AsyncState<T> {
  data: T | null;
  /** Set when the latest load failed; data from an earlier load is kept. */
  error: ApiError | null;
  loading: boolean;
  /** Loads again; resolves when done, never rejects (the error lands in `error`). */
  reload: () => Promise<void>;
}

export interface AsyncOptions {
  /** False while a required input (an id) is unknown: nothing loads, nothing spins. */
  enabled?: boolean;
  /** The input the load depends on (an id); a new key loads again. */
  key?: string | number | null;
  /**
   * Load again whenever the page is shown again (back from another page, back to the app), so
   * what the member sees is never stale. Default true; false for loads that are not reads
   * (starting an attempt, opening a practice session).
   */
  reloadOnShow?: boolean;
}

/** Reloads asked for this soon after one started (the page's own show handler and ours) share it. */
const COALESCE_MS = 1000;

/**
 * Owns loading / error / data for one request so a page can never be left spinning:
 * every load ends in either data or an error the page shows with 重试.
 */
export function useAsync<T>(
  load: () => Promise<T>,
  { enabled = true, key = null, reloadOnShow = true }: AsyncOptions = {},
): AsyncState<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(enabled);
  const latestLoad = useRef(load);
  latestLoad.current = load;
  const latestCall = useRef(0);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const running = useRef<{ promise: Promise<void>; startedAt: number; key: typeof key } | null>(null);
  const currentKey = useRef(key);
  currentKey.current = key;

  const reload = useCallback(async () => {
    if (!enabled) return;
    const inFlight = running.current;
    if (inFlight && inFlight.key === currentKey.current && Date.now() - inFlight.startedAt < COALESCE_MS) {
      return inFlight.promise;
    }
    const promise = loadNow();
    running.current = { promise, startedAt: Date.now(), key: currentKey.current };
    return promise.finally(() => {
      if (running.current?.promise === promise) running.current = null;
    });
  }, [enabled]);

  async function loadNow(): Promise<void> {
    const call = ++latestCall.current;
    const isLatest = () => mounted.current && call === latestCall.current;
    setLoading(true);
    try {
      const result = await latestLoad.current();
      if (!isLatest()) return;
      setData(result);
      setError(null);
    } catch (caught) {
      if (!isLatest()) return;
      setError(caught instanceof ApiError ? caught : new ApiError(0, UNEXPECTED_RESPONSE, '出了点问题，请稍后重试'));
    } finally {
      if (isLatest()) setLoading(false);
    }
  }

  useEffect(() => {
    if (enabled) {
      void reload();
    } else {
      setLoading(false);
    }
  }, [reload, enabled, key]);

  // Every show loads again. The show that comes with mounting finds the first load still
  // running and shares it (see COALESCE_MS); a part mounted after its page was first shown
  // (once /api/me arrived) reloads on the member's next return like the rest.
  useDidShow(() => {
    if (reloadOnShow) void reload();
  });

  return { data, error, loading, reload };
}
