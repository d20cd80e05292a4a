import { useCallback, useEffect, useRef, useState } from 'react';
import { newWriteKey, type WriteControl, type WriteState } from '../services/write-once';

export interface WriteOnce {
  /** null when nothing is on its way. */
  state: WriteState | null;
  /**
   * Sends `body` through `send` with a key of its own. The same body keeps its key until the
   * server has answered it successfully (so 重试 after a lost answer is a repeat, not a second
   * write); a changed body (the member corrected the code) is a new write with a new key.
   */
  run: <T>(body: unknown, send: (control: WriteControl) => Promise<T>) => Promise<T>;
}

/** The page side of write-once.ts: one idempotency key per write, and its 正在重试 / 已保存 state. */
export function useWriteOnce(): WriteOnce {
  const [state, setState] = useState<WriteState | null>(null);
  const current = useRef<{ body: string; key: string } | null>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback(async <T>(body: unknown, send: (control: WriteControl) => Promise<T>): Promise<T> => {
    const json = JSON.stringify(body ?? null);
    if (!current.current || current.current.body !== json) current.current = { body: json, key: newWriteKey() };
    const onState = (next: WriteState) => {
      if (mounted.current) setState(next);
    };
    onState('sending');
    try {
      const result = await send({ key: current.current.key, onState });
      current.current = null;
      return result;
    } finally {
      if (mounted.current) setState(null);
    }
  }, []);

  return { state, run };
}
