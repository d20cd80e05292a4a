// A 1,000-member branch with a year of history: the secretary's dashboard for the year.
import { branchScope, dashboard, memberTable, needsAttention, periodOf } from '../../src/dashboard/index.js';
import { defineScenario } from '../scenario.js';
import { p50, seedDashboardData } from './dashboard-data.js';

export default defineScenario({
  name: 'dashboard-branch',
  description: 'branch dashboard (year) of a 1,000-member branch with a year of history',
  // A few secretaries at once; more only queue behind each other on one SQLite connection.
  connections: 4,
  amount: 2_000,
  maxSeconds: 10,
  serve: async ({ handle, buildApp }) => {
    const data = await seedDashboardData(handle.db, {
      branches: 1,
      membersPerBranch: 1000,
      branchActivities: 48,
      orgActivities: 0,
      quizzes: 12,
      volunteerPerMember: 6,
    });
    const branch = { id: data.branchIds[0]!, org_id: data.orgId, name: '第1党支部' };
    const year = () => periodOf('year');
    const metrics = {
      dashboard_p50_ms: await p50(30, () => dashboard(handle.db, branchScope(branch), year())),
      member_table_p50_ms: await p50(30, () => memberTable(handle.db, branch, year())),
      attention_p50_ms: await p50(30, () => needsAttention(handle.db, branch.id, Date.now())),
      ...data.rows,
    };
    return { app: await buildApp(), info: { branchId: branch.id, token: data.secretaryToken }, metrics };
  },
  requests: (info) => [
    {
      method: 'GET',
      path: `/api/branches/${info.branchId}/dashboard?period=year`,
      headers: { authorization: `Bearer ${info.token}` },
    },
  ],
});
