// The one way the app shows a short message. WeChat cuts a toast with an icon after 7 characters
// ('已提交，等待书记审核' showed as '已提交，等待书…') and an icon-less toast after two lines, so:
// a success icon only for very short text, an icon-less toast for a sentence, and a modal that
// waits for 知道了 for anything longer.
import Taro from '@tarojs/taro';

/** The longest text WeChat shows in full beside a toast icon. */
export const ICON_TOAST_MAX = 7;
/** About two lines of an icon-less toast. */
export const PLAIN_TOAST_MAX = 30;

export interface NoticeOptions {
  /** A success mark when the text is short enough to show beside it. */
  success?: boolean;
  /** How long a toast stays, in ms (WeChat's default: 1500). */
  duration?: number;
}

/** Shows `message` whole, as a toast or a modal by its length. Never throws. */
export async function showNotice(message: string, options: NoticeOptions = {}): Promise<void> {
  const length = [...message].length;
  try {
    if (length > PLAIN_TOAST_MAX) {
      await Taro.showModal({ title: '提示', content: message, showCancel: false, confirmText: '知道了' });
      return;
    }
    const icon = options.success && length <= ICON_TOAST_MAX ? 'success' : 'none';
    await Taro.showToast({ title: message, icon, ...(options.duration ? { duration: options.duration } : {}) });
  } catch {
    // A toast that cannot show (the page is leaving) is not worth an error.
  }
}
