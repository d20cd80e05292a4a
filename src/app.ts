import type { PropsWithChildren } from 'react';
import { resumePendingWrites } from './services/write-once';
import { removeBootScreenWhenPageShows } from './utils/boot-screen';
import './app.scss';

removeBootScreenWhenPageShows();
// Writes saved while offline on an earlier visit (a check-in, a quiz submission) go out now.
resumePendingWrites();

// Signed-out users reach the login page from the first authenticated request
// (services/request.ts), which works the same on every platform and needs no
// navigation during launch, when the mini-program's page stack is not ready yet.
function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
