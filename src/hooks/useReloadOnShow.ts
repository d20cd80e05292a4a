import { useDidShow } from '@tarojs/taro';

/**
 * Reloads whenever the page is shown (back from another page or tab). Pass a reload of
 * useAsync: the show that comes with mounting shares the first load instead of repeating it.
 */
export function useReloadOnShow(reload: () => Promise<void>): void {
  useDidShow(() => {
    void reload();
  });
}
