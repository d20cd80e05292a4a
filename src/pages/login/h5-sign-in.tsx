import { PageState } from '../../components/page-state';
import { useDemoAccounts } from '../../hooks/useDemoAccounts';
import { DemoSignIn } from './demo-sign-in';
import { WebQrSignIn } from './web-qr-sign-in';

/**
 * The browser: the demo mode lists the seeded accounts; a real deployment (the API answers
 * DEMO_DISABLED) signs secretaries and admins in by scanning a QR with the mini-program.
 */
export function H5SignIn() {
  const accounts = useDemoAccounts(true);
  if (accounts.error?.code === 'DEMO_DISABLED') return <WebQrSignIn />;
  if (accounts.data) return <DemoSignIn accounts={accounts} />;
  return <PageState loading={accounts.loading} error={accounts.error} ready={false} onRetry={accounts.reload} />;
}
