import type { DemoAccountList } from '@contract';
import { fetchDemoAccounts } from '../services/auth';
import { type AsyncState, useAsync } from './useAsync';

/** Seeded accounts for the demo sign-in; only loaded where the demo sign-in is offered. */
export function useDemoAccounts(enabled: boolean): AsyncState<DemoAccountList> {
  return useAsync(() => fetchDemoAccounts({ silent: true }), { enabled });
}
