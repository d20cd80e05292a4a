import type { PropsWithChildren } from 'react';
import { listenForPrivacyAuthorization } from './utils/privacy';
import './app.scss';

// Mini-program only: WeChat asks for privacy consent through this listener (pages/privacy).
listenForPrivacyAuthorization();

// Signed-out users reach the login page from the first authenticated request
// (services/request.ts), which works the same on every platform and needs no
// navigation during launch, when the mini-program's page stack is not ready yet.
// A first visit in the mini-program (nobody ever signed in) opens pages/welcome
// from the home page instead (pages/index).
function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
