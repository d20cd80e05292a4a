// Every scenario, in the order the harness runs them. `bare` must stay first: the others
// are quoted as a ratio of it.
import type { BenchScenario } from '../scenario.js';
import bare from './bare.js';
import rawInsert from './raw-insert.js';
import checkin from './checkin.js';
import quizSubmit from './quiz-submit.js';
import { rankScenarios } from './rank.js';
import dashboardBranch from './dashboard-branch.js';
import dashboardOrg from './dashboard-org.js';

export const scenarios: BenchScenario<never>[] = [
  bare,
  rawInsert,
  checkin,
  quizSubmit,
  ...rankScenarios,
  dashboardBranch,
  dashboardOrg,
] as BenchScenario<never>[];
