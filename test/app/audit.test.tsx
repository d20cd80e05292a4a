import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { AuditEntry, AuditPage } from '@contract';
import AuditLogPage from '../../src/packages/manage/pages/audit/index';
import MyChangesPage from '../../src/packages/points/pages/changes/index';
import { fetchAuditLog } from '../../src/services/audit';
import { __mock } from './mocks/taro';

jest.mock('../../src/services/audit');
const mockFetchAuditLog = fetchAuditLog as jest.MockedFunction<typeof fetchAuditLog>;

const award: AuditEntry = {
  id: 7,
  action: 'points.award',
  kind: 'points',
  label: '加分',
  actor: { id: 2, name: '甲书记' },
  member: { id: 5, name: '张三' },
  summary: '+3 分',
  reason: '获评先锋岗',
  at: '2026-11-30T19:05:00.000+08:00',
  atText: '11月30日 19:05',
};
const page = (items: AuditEntry[]): AuditPage => ({
  items,
  total: items.length,
  kinds: [
    { value: 'points', label: '积分' },
    { value: 'attendance', label: '出勤与请假' },
  ],
});

describe('操作记录 (managers)', () => {
  beforeEach(() => {
    __mock.setRoute('packages/manage/pages/audit/index', { orgId: '1' });
    mockFetchAuditLog.mockResolvedValue(page([award]));
  });
  afterEach(() => __mock.reset());

  it('shows who did what to whom, when and why, and narrows to the member or the kind', async () => {
    render(<AuditLogPage />);
    expect(await screen.findByText('加分')).toBeTruthy();
    expect(screen.getByText('+3 分')).toBeTruthy();
    expect(screen.getByText('对象：张三')).toBeTruthy();
    expect(screen.getByText('操作人：甲书记')).toBeTruthy();
    expect(screen.getByText('理由：获评先锋岗')).toBeTruthy();
    expect(screen.getByText('11月30日 19:05')).toBeTruthy();
    expect(mockFetchAuditLog).toHaveBeenLastCalledWith({ orgId: 1 }, {}, expect.anything());

    fireEvent.click(screen.getByText('加分'));
    fireEvent.click(screen.getByText('只看对象 张三'));
    await waitFor(() =>
      expect(mockFetchAuditLog).toHaveBeenLastCalledWith({ orgId: 1 }, { memberId: 5 }, expect.anything()),
    );
    fireEvent.click(screen.getByText('出勤与请假'));
    await waitFor(() =>
      expect(mockFetchAuditLog).toHaveBeenLastCalledWith(
        { orgId: 1 },
        { memberId: 5, kind: 'attendance' },
        expect.anything(),
      ),
    );
    fireEvent.click(screen.getByRole('button', { name: '取消筛选：对象：张三' }));
    await waitFor(() =>
      expect(mockFetchAuditLog).toHaveBeenLastCalledWith({ orgId: 1 }, { kind: 'attendance' }, expect.anything()),
    );
  });

  it("reads a secretary's branch from the page's parameters", async () => {
    __mock.setRoute('packages/manage/pages/audit/index', { branchId: '11' });
    render(<AuditLogPage />);
    await screen.findByText('加分');
    expect(mockFetchAuditLog).toHaveBeenCalledWith({ branchId: 11 }, {}, expect.anything());
  });
});

describe('积分与出勤变动 (members)', () => {
  it("lists the member's own entries without naming the member again", async () => {
    mockFetchAuditLog.mockResolvedValue(page([award]));
    render(<MyChangesPage />);
    expect(await screen.findByText('理由：获评先锋岗')).toBeTruthy();
    expect(screen.getByText('操作人：甲书记')).toBeTruthy();
    expect(mockFetchAuditLog).toHaveBeenCalledWith('me', {}, expect.anything());
  });
});
