// Where to go after signing in: the page that sent the member to sign in (a link opened while
// signed out, or a session that ended mid-way), else 首页.
import Taro from '@tarojs/taro';
import { routes } from './routes';

const RETURN_KEY = 'xf.returnTo';
const INTERNAL_PAGE = /^\/(pages|packages)\/[\w/-]+(\?[\w%=&.-]*)?$/;

/** The current page as a URL Taro can open, or null on the sign-in page. */
function currentPageUrl(): string | null {
  const router = Taro.getCurrentInstance?.()?.router;
  const path = router?.path?.split('?')[0];
  if (!path) return null;
  const url = path.startsWith('/') ? path : `/${path}`;
  if (url.startsWith(routes.login)) return null;
  const query = Object.entries(router?.params ?? {})
    // Taro adds its own ($taroTimestamp, stamp) to H5 params.
    .filter(([key, value]) => !key.startsWith('$') && key !== 'stamp' && value !== undefined && value !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    .join('&');
  return query ? `${url}?${query}` : url;
}

/** Remembers the current page, to come back to after signing in. */
export function rememberReturnPage(): void {
  const url = currentPageUrl();
  if (!url || url === routes.home) return;
  try {
    Taro.setStorageSync(RETURN_KEY, url);
  } catch {
    // Without storage the member lands on 首页 after signing in: still fine.
  }
}

/** The page to open after signing in (and forgets it). */
export function takeReturnPage(): string {
  let url: unknown = '';
  try {
    url = Taro.getStorageSync(RETURN_KEY);
    Taro.removeStorageSync(RETURN_KEY);
  } catch {
    return routes.home;
  }
  return typeof url === 'string' && INTERNAL_PAGE.test(url) ? url : routes.home;
}

/** After a successful sign-in: back to the page that asked for it, or 首页. */
export function openAfterSignIn(): Promise<unknown> {
  return Promise.resolve(Taro.reLaunch({ url: takeReturnPage() }));
}
