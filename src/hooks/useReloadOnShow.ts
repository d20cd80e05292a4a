import { useRef } from 'react';
import { useDidShow } from '@tarojs/taro';
import { SHOW_WITH_MOUNT_MS } from './useAsync';

/**
 * Reloads when the page is shown again (back from another page or tab), not on the show that
 * comes with mounting. A part mounted after its page was first shown (once other data arrived)
 * still reloads on the member's next return.
 */
export function useReloadOnShow(reload: () => Promise<void>): void {
  const mountedAt = useRef(Date.now());
  useDidShow(() => {
    if (Date.now() - mountedAt.current > SHOW_WITH_MOUNT_MS) void reload();
  });
}
