// The mini-program signs in with WeChat (wechat-sign-in.tsx). This weapp build of the browser's
// sign-in (Taro picks `*.weapp.tsx` over `*.tsx` for weapp) keeps the demo list, the QR code and
// its encoder out of the mini-program's main package.
export function H5SignIn() {
  return null;
}
