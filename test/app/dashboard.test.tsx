import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { AttentionList, BranchComparison, Dashboard, MemberTable } from '@contract';
import DashboardPage from '../../src/packages/dashboard/pages/index/index';
import MembersPage from '../../src/packages/dashboard/pages/members/index';
import AttentionPage from '../../src/packages/dashboard/pages/attention/index';
import { fetchMe } from '../../src/services/me';
import { fetchBranches } from '../../src/services/org';
import {
  downloadLedger,
  fetchAttention,
  fetchBranchComparison,
  fetchBranchDashboard,
  fetchMemberTable,
  fetchOrgDashboard,
  fetchPendingWork,
} from '../../src/services/dashboard';
import { __mock } from './mocks/taro';
import { branches, orgAdmin, secretary } from './fixtures';

jest.mock('../../src/services/me');
jest.mock('../../src/services/org');
jest.mock('../../src/services/dashboard');
// The charts draw on a canvas, which jsdom has not got; the page around them is under test.
jest.mock('../../src/packages/dashboard/components/f2-chart', () => ({
  F2Chart: ({ label }: { label: string }) => <div role="img" aria-label={label} />,
}));
jest.mock('../../src/packages/dashboard/components/charts', () => ({
  attendanceTrendChart: jest.fn(),
  starLevelChart: jest.fn(),
  RED: '#C8161D',
  RED_SOFT: '#E9A3A6',
}));

const period = { kind: 'year' as const, label: '2026年', from: '2026-01-01', to: '2026-12-31', year: 2026 };

const dashboard: Dashboard = {
  scope: { kind: 'branch', id: 11, name: '机关第一党支部' },
  period,
  members: 12,
  attendance: { held: 40, invited: 381, present: 296, late: 20, leave: 49, absent: 16, rate: 0.8294 },
  trend: [],
  activities: [
    {
      id: 165,
      title: '书记讲党课',
      type: 'party_lecture',
      startsAt: '2026-11-17T14:30:00.000+08:00',
      branch: { id: 11, name: '机关第一党支部' },
      invited: 12,
      present: 7,
      late: 2,
      leave: 2,
      absent: 1,
      rate: 0.75,
    },
  ],
  quiz: { quizzes: 5, expected: 60, participated: 43, passed: 38, participationRate: 0.7167, passRate: 0.8837 },
  volunteer: { records: 80, hours: 257, volunteers: 11, hoursPerMember: 21.42 },
  points: {
    year: 2026,
    members: 12,
    average: 91.58,
    stars: [0, 1, 2, 3, 4, 5].map((n) => ({ stars: n, label: n ? '★'.repeat(n) : '不合格', current: n, projected: n })),
  },
  pending: { leave: 0, volunteer: 1, objections: 0 },
};

const table: MemberTable = {
  period,
  members: [
    {
      memberId: 1,
      name: '甲',
      attended: 6,
      invited: 6,
      quizzesPassed: 1,
      volunteerHours: 3.5,
      points: 70,
      lastParticipation: '2026-11-20',
    },
    {
      memberId: 2,
      name: '乙',
      attended: 2,
      invited: 6,
      quizzesPassed: 0,
      volunteerHours: 8,
      points: 95,
      lastParticipation: '2026-10-01',
    },
    {
      memberId: 3,
      name: '丙',
      attended: 4,
      invited: 6,
      quizzesPassed: 2,
      volunteerHours: 0,
      points: 82,
      lastParticipation: null,
    },
  ],
};

/** Every request of the page has answered (the 需关注 count and the pending list are the last). */
const settle = async () => {
  await screen.findByText('0 人 ›');
  await screen.findByText('何俊杰：社区服务 2.5 小时');
  await waitFor(() => expect(screen.queryByText('正在加载…')).toBeNull());
};

const names = () => screen.getAllByText(/^[甲乙丙]$/).map((n) => n.textContent);

describe('dashboard for a secretary', () => {
  beforeEach(() => {
    __mock.reset();
    (fetchMe as jest.Mock).mockResolvedValue(secretary);
    (fetchBranchDashboard as jest.Mock).mockResolvedValue(dashboard);
    (fetchAttention as jest.Mock).mockResolvedValue({ days: 60, since: '2026-09-24', members: [] });
    (fetchPendingWork as jest.Mock).mockResolvedValue({
      leave: { count: 0, items: [] },
      volunteer: {
        count: 1,
        items: [
          {
            id: 367,
            memberId: 2,
            memberName: '何俊杰',
            title: '社区服务 2.5 小时',
            detail: '服务日期 2026-11-20',
            submittedAt: '2026-11-20T20:10:52.000+08:00',
          },
        ],
      },
      objections: { count: 0, items: [] },
    });
    (downloadLedger as jest.Mock).mockResolvedValue(undefined);
  });

  it("shows the own branch's figures, charts, pending work and activities", async () => {
    render(<DashboardPage />);
    expect(await screen.findByText('82.9%')).toBeTruthy();
    expect(fetchBranchDashboard).toHaveBeenCalledWith(11, 'year', expect.anything());
    expect(screen.getByText('12 人')).toBeTruthy();
    expect(screen.getByText('316 / 381 人次')).toBeTruthy();
    expect(screen.getByText('71.7%')).toBeTruthy();
    expect(screen.getByText('257 小时')).toBeTruthy();
    expect(screen.getByRole('img', { name: '2026年各月出席率' })).toBeTruthy();
    expect(await screen.findByText('何俊杰：社区服务 2.5 小时')).toBeTruthy();
    expect(screen.getByText('75.0% ›')).toBeTruthy();
    expect(fetchBranchComparison).not.toHaveBeenCalled();
    await settle();
  });

  it('reloads for another period and exports the ledger of that period', async () => {
    render(<DashboardPage />);
    await screen.findByText('82.9%');
    fireEvent.click(screen.getByText('本月'));
    expect(fetchBranchDashboard).toHaveBeenLastCalledWith(11, 'month', expect.anything());
    fireEvent.click(await screen.findByText('导出台账（2026年）'));
    expect(downloadLedger).toHaveBeenCalledWith(11, '机关第一党支部', 'month', '2026年');
    await settle();
  });

  it('opens the printable sign-in sheet of an activity and 需关注', async () => {
    render(<DashboardPage />);
    fireEvent.click(await screen.findByText('书记讲党课'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({
      url: '/packages/dashboard/pages/sign-in-sheet/index?activityId=165',
    });
    fireEvent.click(screen.getByText('需关注'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/dashboard/pages/attention/index?branchId=11' });
    await settle();
  });
});

describe('dashboard for the org admin', () => {
  it('starts with the whole organisation and the branches side by side, in a fixed order', async () => {
    (fetchMe as jest.Mock).mockResolvedValue(orgAdmin);
    (fetchBranches as jest.Mock).mockResolvedValue(branches);
    (fetchOrgDashboard as jest.Mock).mockResolvedValue({
      ...dashboard,
      scope: { kind: 'org', id: 1, name: '示例市机关党委' },
    });
    const comparison: BranchComparison = {
      period,
      branches: [
        {
          id: 11,
          name: '机关第一党支部',
          members: 12,
          attendanceRate: 0.83,
          quizParticipationRate: 0.7,
          quizPassRate: 0.9,
          volunteerHoursPerMember: 21.4,
          averagePoints: 91.6,
        },
        {
          id: 14,
          name: '退休干部党支部',
          members: 20,
          attendanceRate: 0.57,
          quizParticipationRate: 0.3,
          quizPassRate: 0.87,
          volunteerHoursPerMember: 9.6,
          averagePoints: 82,
        },
      ],
    };
    (fetchBranchComparison as jest.Mock).mockResolvedValue(comparison);
    (fetchBranchDashboard as jest.Mock).mockResolvedValue(dashboard);
    render(<DashboardPage />);
    expect(await screen.findByText('出席率 57.0%')).toBeTruthy();
    const section = screen.getByText('支部对比').closest('.dashboard__comparison') as HTMLElement;
    const order = within(section)
      .getAllByText(/党支部$/)
      .map((n) => n.textContent);
    expect(order).toEqual(['机关第一党支部', '退休干部党支部']);
    fireEvent.click(within(section).getByText('退休干部党支部'));
    expect(fetchBranchDashboard).toHaveBeenLastCalledWith(14, 'year', expect.anything());
    await waitFor(() => expect(screen.queryByText('正在加载…')).toBeNull());
  });
});

describe('member table and 需关注', () => {
  it('sorts by any column, both ways', async () => {
    __mock.setRoute('packages/dashboard/pages/members/index', { branchId: '11', period: 'year' });
    (fetchMemberTable as jest.Mock).mockResolvedValue(table);
    render(<MembersPage />);
    await screen.findByText('积分 95');
    fireEvent.click(screen.getByText('积分'));
    expect(names()).toEqual(['乙', '丙', '甲']);
    fireEvent.click(screen.getByText('积分 ↓'));
    expect(names()).toEqual(['甲', '丙', '乙']);
    fireEvent.click(screen.getByText('出席'));
    expect(names()).toEqual(['甲', '丙', '乙']);
    fireEvent.click(screen.getByText('最近参与'));
    expect(names()).toEqual(['甲', '乙', '丙']);
  });

  it('lists the silent members with their last date or none', async () => {
    __mock.setRoute('packages/dashboard/pages/attention/index', { branchId: '11' });
    const attention: AttentionList = {
      days: 60,
      since: '2026-09-24',
      members: [
        { memberId: 5, name: '新党员', lastParticipation: null, lastKind: null },
        { memberId: 6, name: '老党员', lastParticipation: '2026-07-01', lastKind: 'volunteer' },
      ],
    };
    (fetchAttention as jest.Mock).mockResolvedValue(attention);
    render(<AttentionPage />);
    expect(await screen.findByText('还没有参与记录')).toBeTruthy();
    expect(screen.getByText('最近一次：2026年7月1日 志愿服务')).toBeTruthy();
    expect(screen.getByText('共 2 人')).toBeTruthy();
  });
});
