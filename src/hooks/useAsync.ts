import { useCallback, useEffect, useRef, useState } from 'react';
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
}

/**
 * Owns loading / error / data for one request so a page can never be left spinning:
 * every load ends in either data or an error the page shows with 重试.
 */
export function useAsync<T>(load: () => Promise<T>, { enabled = true, key = null }: AsyncOptions = {}): AsyncState<T> {
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

  const reload = useCallback(async () => {
    if (!enabled) return;
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
  }, [enabled]);

  useEffect(() => {
    if (enabled) {
      void reload();
    } else {
      setLoading(false);
    }
  }, [reload, enabled, key]);

  return { data, error, loading, reload };
}
