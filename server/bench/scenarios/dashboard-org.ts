// An organisation of 15,000 members in 300 branches with a year of history: the org admin's
// branch comparison for the year.
import { branchComparison, dashboard, orgScope, periodOf } from '../../src/dashboard/index.js';
import { defineScenario } from '../scenario.js';
import { p50, seedDashboardData } from './dashboard-data.js';

export default defineScenario({
  name: 'dashboard-org',
  description: 'branch comparison (year) of an organisation of 15,000 members in 300 branches',
  // One org admin at a time: the HTTP p50 is then the server time plus the wire.
  connections: 1,
  amount: 500,
  maxSeconds: 10,
  serve: async ({ handle, buildApp }) => {
    const data = await seedDashboardData(handle.db, {
      branches: 300,
      membersPerBranch: 50,
      branchActivities: 36,
      orgActivities: 4,
      quizzes: 12,
      volunteerPerMember: 4,
    });
    const org = { id: data.orgId, name: '压测机关党委' };
    const year = () => periodOf('year');
    const metrics = {
      comparison_p50_ms: await p50(10, () => branchComparison(handle.db, org, year())),
      org_dashboard_p50_ms: await p50(10, () => dashboard(handle.db, orgScope(org), year())),
      ...data.rows,
    };
    return { app: await buildApp(), info: { orgId: data.orgId, token: data.adminToken }, metrics };
  },
  requests: (info) => [
    {
      method: 'GET',
      path: `/api/orgs/${info.orgId}/branch-comparison?period=year`,
      headers: { authorization: `Bearer ${info.token}` },
    },
  ],
});
