// WeChat's privacy authorisation, the current way (`__usePrivacyCheck__` in app.json and
// wx.onNeedPrivacyAuthorization): the first time the member uses something the privacy guide
// lists (location for a geofenced check-in, a photo for a volunteer record), WeChat holds that
// call and asks the app to explain. The app opens its privacy page; the member's 同意 (a button
// with open-type="agreePrivacyAuthorization") or 不同意 resolves the held call.
import Taro from '@tarojs/taro';
import { routes } from '../services/routes';

type Resolve = (option: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void;

let waiting: Resolve[] = [];
let pageOpen = false;

/** The id of the agree button; WeChat checks that this very button was tapped. */
export const PRIVACY_AGREE_BUTTON_ID = 'xf-privacy-agree';

/** Registers the listener once, at launch, in the mini-program only. */
export function listenForPrivacyAuthorization(): void {
  if (process.env.TARO_ENV !== 'weapp' || typeof Taro.onNeedPrivacyAuthorization !== 'function') return;
  Taro.onNeedPrivacyAuthorization((resolve) => {
    waiting.push(resolve);
    if (pageOpen) return;
    pageOpen = true;
    Taro.navigateTo({ url: `${routes.privacy}?ask=1` }).catch(() => {
      // The page could not open (page stack full): refuse rather than hang the member's action.
      answerPrivacy(false);
    });
  });
}

/** A call is waiting for the member's answer. */
export function privacyPending(): boolean {
  return waiting.length > 0;
}

/** Tells WeChat the explanation is on screen (it asks for this before agree or disagree). */
export function privacyShown(): void {
  for (const resolve of waiting) resolve({ event: 'exposureAuthorization' });
}

/** Resolves every held call with the member's answer. */
export function answerPrivacy(agree: boolean): void {
  const held = waiting;
  waiting = [];
  pageOpen = false;
  for (const resolve of held) {
    resolve(agree ? { event: 'agree', buttonId: PRIVACY_AGREE_BUTTON_ID } : { event: 'disagree' });
  }
}

/** The privacy page closed: nothing is left waiting, and a later request opens it again. */
export function privacyPageClosed(): void {
  if (waiting.length > 0) answerPrivacy(false);
  pageOpen = false;
}
