// The states an older member meets on their own: a future activity that is not yet due, an open
// check-in offered from 首页, a pending leave they can take back, and the 大字 switch in 我的.
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { ActivityDetail, ActivitySummary, LeaveRequest } from '@contract';
import { __mock } from './mocks/taro';
import ActivityDetailPage from '../../src/packages/activities/pages/detail/index';
import HomePage from '../../src/pages/index/index';
import MinePage from '../../src/pages/mine/index';
import * as activities from '../../src/services/activities';
import { fetchMe } from '../../src/services/me';
import { fetchMyPoints } from '../../src/services/points';
import { ApiError } from '../../src/services/api-error';
import { checkInPhase, myStatusChip } from '../../src/utils/activity-labels';
import { LARGE_TEXT_SCALE, textScale } from '../../src/utils/text-scale';
import { member, myPoints } from './fixtures';

jest.mock('../../src/services/activities');
jest.mock('../../src/services/me');
jest.mock('../../src/services/points');
const api = activities as jest.Mocked<typeof activities>;

// The tests' clock is 2026-11-22 10:00 China time (setup.ts).
const summary = (over: Partial<ActivitySummary> = {}): ActivitySummary => ({
  id: 7,
  type: 'theme_day',
  title: '主题党日：重温入党誓词',
  place: '三楼会议室',
  startsAt: '2026-11-22T10:20:00.000+08:00',
  endsAt: '2026-11-22T12:00:00.000+08:00',
  status: 'scheduled',
  branch: { id: 11, name: '机关第一党支部' },
  myStatus: 'pending',
  myLeave: null,
  checkinOpensAt: '2026-11-22T09:50:00.000+08:00',
  checkinClosesAt: '2026-11-22T12:00:00.000+08:00',
  ...over,
});
const nextWeek = {
  startsAt: '2026-11-29T14:30:00.000+08:00',
  endsAt: '2026-11-29T16:30:00.000+08:00',
  checkinOpensAt: '2026-11-29T14:00:00.000+08:00',
  checkinClosesAt: '2026-11-29T16:30:00.000+08:00',
};
const detail = (over: Partial<ActivityDetail> = {}): ActivityDetail => ({
  ...summary(),
  topic: '重温入党誓词',
  lateAfter: '2026-11-22T10:30:00.000+08:00',
  geofence: null,
  points: null,
  record: null,
  cancelReason: null,
  myAttendance: null,
  myLeaveRequest: null,
  canManage: false,
  counts: { invited: 12, present: 0, late: 0, leave: 0, absent: 0, pending: 12 },
  ...over,
});
const pendingLeave: LeaveRequest = {
  id: 31,
  activityId: 7,
  member: { id: 101, name: '李建华' },
  reason: '出差在外',
  status: 'pending',
  decisionNote: null,
  createdAt: '2026-11-21T10:00:00.000+08:00',
  decidedAt: null,
};

describe('status chip', () => {
  it('says 未开始 before check-in opens, 待签到 while open, 请假待审批 while leave waits', () => {
    expect(myStatusChip(summary(nextWeek))).toEqual({ label: '未开始', tone: 'neutral' });
    expect(checkInPhase(summary(nextWeek))).toBe('before');
    expect(myStatusChip(summary())).toEqual({ label: '待签到', tone: 'amber' });
    expect(myStatusChip(summary({ ...nextWeek, myLeave: 'pending' }))?.label).toBe('请假待审批');
    expect(myStatusChip(summary({ myStatus: 'present' }))).toEqual({ label: '已签到', tone: 'green', solid: true });
    expect(myStatusChip(summary({ status: 'cancelled' }))?.label).toBe('已取消');
    const past = { checkinOpensAt: '2026-11-20T09:00:00.000+08:00', checkinClosesAt: '2026-11-20T11:00:00.000+08:00' };
    expect(myStatusChip(summary(past))?.label).toBe('未签到');
  });
});

describe('首页 activity card', () => {
  beforeEach(() => {
    (fetchMe as jest.Mock).mockResolvedValue(member);
  });

  it('offers 去签到 while check-in is open, and a future one is not a red 未签到', async () => {
    api.fetchMyActivities.mockResolvedValue({
      items: [summary(), summary({ id: 8, title: '党课：党的光辉历程', ...nextWeek })],
      tally: { present: 0, late: 0, leave: 0, absent: 0 },
    });
    render(<HomePage />);

    const go = await screen.findByText('去签到');
    expect(screen.getAllByText('去签到')).toHaveLength(1);
    expect(screen.getByText('未开始')).toBeTruthy();
    expect(screen.queryByText('未签到')).toBeNull();
    fireEvent.click(go);
    // One tap, one page: the button has no handler of its own besides the card's.
    expect(Taro.navigateTo).toHaveBeenCalledTimes(1);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/activities/pages/detail/index?id=7' });
  });

  it('shows 请假待审批 instead of 去签到 while a leave request waits', async () => {
    api.fetchMyActivities.mockResolvedValue({
      items: [summary({ myLeave: 'pending' })],
      tally: { present: 0, late: 0, leave: 0, absent: 0 },
    });
    render(<HomePage />);

    expect(await screen.findByText('请假待审批')).toBeTruthy();
    expect(screen.queryByText('去签到')).toBeNull();
  });
});

describe('activity detail', () => {
  beforeEach(() => __mock.setRoute('packages/activities/pages/detail/index', { id: '7' }));

  it('says when check-in opens for a future activity instead of showing the code box', async () => {
    api.fetchActivity.mockResolvedValue(detail(nextWeek));
    render(<ActivityDetailPage />);

    expect(await screen.findByText('签到 11月29日 14:00 开始')).toBeTruthy();
    expect(screen.getByText('未开始')).toBeTruthy();
    expect(screen.queryByLabelText('签到码')).toBeNull();
    expect(screen.queryByText('确认签到')).toBeNull();
    expect(screen.getByText('提交请假')).toBeTruthy();
  });

  it('shows the code box while check-in is open', async () => {
    api.fetchActivity.mockResolvedValue(detail());
    render(<ActivityDetailPage />);

    expect(await screen.findByLabelText('签到码')).toBeTruthy();
    expect(screen.getByText('待签到')).toBeTruthy();
  });

  it('withdraws a pending leave request after asking, then offers leave again', async () => {
    const waiting = detail({ ...nextWeek, myLeave: 'pending', myLeaveRequest: pendingLeave });
    api.fetchActivity.mockResolvedValueOnce(waiting).mockResolvedValueOnce(detail(nextWeek));
    api.withdrawLeave.mockResolvedValue(undefined);
    render(<ActivityDetailPage />);

    expect(await screen.findByText('请假待审批：出差在外')).toBeTruthy();
    expect(screen.getAllByText('请假待审批').length).toBeGreaterThan(0);
    fireEvent.click(screen.getByText('撤回请假'));

    await waitFor(() => expect(api.withdrawLeave).toHaveBeenCalledWith(7, 31, { silent: true }));
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '撤回请假' }));
    expect(await screen.findByText('提交请假')).toBeTruthy();
    expect(screen.queryByText('撤回请假')).toBeNull();
  });

  it('keeps the request when the member changes their mind, and says why a withdrawal failed', async () => {
    api.fetchActivity.mockResolvedValue(detail({ ...nextWeek, myLeave: 'pending', myLeaveRequest: pendingLeave }));
    (Taro.showModal as jest.Mock).mockResolvedValueOnce({ confirm: false, cancel: true });
    render(<ActivityDetailPage />);

    fireEvent.click(await screen.findByText('撤回请假'));
    await waitFor(() => expect(Taro.showModal).toHaveBeenCalled());
    expect(api.withdrawLeave).not.toHaveBeenCalled();

    api.withdrawLeave.mockRejectedValueOnce(new ApiError(409, 'LEAVE_NOT_PENDING', '该请假申请已处理，不能撤回'));
    fireEvent.click(screen.getByText('撤回请假'));
    expect(await screen.findByText('该请假申请已处理，不能撤回')).toBeTruthy();
  });

  it('offers no withdrawal once the leave is decided', async () => {
    api.fetchActivity.mockResolvedValue(
      detail({ ...nextWeek, myLeave: 'rejected', myLeaveRequest: { ...pendingLeave, status: 'rejected' } }),
    );
    render(<ActivityDetailPage />);

    expect(await screen.findByText('请假未批准：出差在外')).toBeTruthy();
    expect(screen.queryByText('撤回请假')).toBeNull();
  });
});

describe('大字 in 我的', () => {
  it('is off at first, turns text up to 1.3× on this phone and stays on', async () => {
    (fetchMe as jest.Mock).mockResolvedValue(member);
    (fetchMyPoints as jest.Mock).mockResolvedValue(myPoints);
    const { container } = render(<MinePage />);

    const toggle = await screen.findByRole('switch', { name: '大字' });
    expect(toggle.getAttribute('aria-checked')).toBe('false');
    expect(textScale()).toBe(1);
    expect(container.querySelector<HTMLElement>('.mine')?.style.getPropertyValue('--xf-text-scale')).toBe('');

    fireEvent.click(toggle);

    expect(toggle.getAttribute('aria-checked')).toBe('true');
    expect(textScale()).toBe(LARGE_TEXT_SCALE);
    expect(Taro.setStorageSync).toHaveBeenCalledWith('xf.largeText', true);
    // The page root carries the scale (weapp pages cannot reach the page element), H5 the document root.
    await waitFor(() =>
      expect(container.querySelector<HTMLElement>('.mine')?.style.getPropertyValue('--xf-text-scale')).toBe('1.3'),
    );
    expect(document.documentElement.style.getPropertyValue('--xf-text-scale')).toBe('1.3');

    fireEvent.click(toggle);
    expect(textScale()).toBe(1);
    expect(document.documentElement.style.getPropertyValue('--xf-text-scale')).toBe('1');
  });
});
