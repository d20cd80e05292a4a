import { useEffect, useRef, useState } from 'react';
import Taro, { useDidHide, useDidShow } from '@tarojs/taro';

/** How often live screens (the roster, the check-in screen) ask again: within 3 s of a check-in. */
export const LIVE_POLL_MS = 2_000;

/** Whether the page is on screen: hidden behind another page, or in a background tab on H5. */
function usePageVisible(): boolean {
  const [visible, setVisible] = useState(true);
  useDidShow(() => setVisible(true));
  useDidHide(() => setVisible(false));
  useEffect(() => {
    // H5: a background tab or a locked phone does not fire the page's hide.
    if (Taro.getEnv() !== Taro.ENV_TYPE.WEB || typeof document === 'undefined') return undefined;
    const onChange = () => setVisible(document.visibilityState !== 'hidden');
    document.addEventListener('visibilitychange', onChange);
    return () => document.removeEventListener('visibilitychange', onChange);
  }, []);
  return visible;
}

/**
 * Short polling for live screens: calls `refresh` every `intervalMs` while `enabled` and the
 * page is visible, and once at once when it becomes visible again. One mechanism on weapp and
 * H5 alike (a mini-program has no EventSource); a poll never overlaps the one before it.
 */
export function useLivePoll(refresh: () => Promise<void>, enabled: boolean, intervalMs = LIVE_POLL_MS): void {
  const visible = usePageVisible();
  const latest = useRef(refresh);
  latest.current = refresh;
  const wasVisible = useRef(visible);

  useEffect(() => {
    const cameBack = visible && !wasVisible.current;
    wasVisible.current = visible;
    if (!enabled || !visible) return undefined;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      await latest.current();
      if (!stopped) timer = setTimeout(() => void tick(), intervalMs);
    };
    if (cameBack) void tick();
    else timer = setTimeout(() => void tick(), intervalMs);
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [enabled, visible, intervalMs]);
}
