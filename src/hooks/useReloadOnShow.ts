import { useRef } from 'react';
import { useDidShow } from '@tarojs/taro';

/** Reloads when the page is shown again (back from another page), not on its first show. */
export function useReloadOnShow(reload: () => Promise<void>): void {
  const shownBefore = useRef(false);
  useDidShow(() => {
    if (shownBefore.current) void reload();
    shownBefore.current = true;
  });
}
