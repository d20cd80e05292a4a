// Every scenario, in the order the harness runs them. `bare` must stay first: the others
// are quoted as a ratio of it.
import type { BenchScenario } from '../scenario.js';
import bare from './bare.js';
import rawInsert from './raw-insert.js';
import dashboardBranch from './dashboard-branch.js';
import dashboardOrg from './dashboard-org.js';

export const scenarios: BenchScenario<never>[] = [
  bare,
  rawInsert,
  dashboardBranch,
  dashboardOrg,
] as BenchScenario<never>[];
