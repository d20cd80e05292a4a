import type { PropsWithChildren } from 'react';
import { listenForPrivacyAuthorization } from './utils/privacy';
import { resumePendingWrites } from './services/write-once';
import { removeBootScreenWhenPageShows } from './utils/boot-screen';
import './app.scss';
import { applyTextScale } from './utils/text-scale';

// 大字 before the first page draws (H5: on the document root; weapp pages use useTextScale).
applyTextScale();

// H5: the whole drawn box of a field is its tap target, not only the line of text inside it
// (Taro's H5 fields pad a host element around the native one; weapp fields need nothing).
if (process.env.TARO_ENV === 'h5' && typeof document !== 'undefined') {
  document.addEventListener('click', (event) => {
    const host = event.target instanceof Element ? event.target : null;
    if (host && /^TARO-(INPUT|TEXTAREA)-CORE$/.test(host.tagName)) {
      (host.querySelector('input, textarea') as HTMLElement | null)?.focus();
    }
  });
}

// Mini-program only: WeChat asks for privacy consent through this listener (pages/privacy).
listenForPrivacyAuthorization();

removeBootScreenWhenPageShows();
// Writes saved while offline on an earlier visit (a check-in, a quiz submission) go out now.
resumePendingWrites();

// Signed-out users reach the login page from the first authenticated request
// (services/request.ts), which works the same on every platform and needs no
// navigation during launch, when the mini-program's page stack is not ready yet.
// A first visit in the mini-program (nobody ever signed in) opens pages/welcome
// from the home page instead (pages/index).
function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
