import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { ActivityDetail, ActivityRoster, CheckInDisplay, MyActivities } from '@contract';
import { __mock } from './mocks/taro';
import ActivityDetailPage from '../../src/packages/activities/pages/detail/index';
import CheckInDisplayPage from '../../src/packages/activities/pages/display/index';
import ActivityRosterPage from '../../src/packages/activities/pages/roster/index';
import ActivityListPage from '../../src/packages/activities/pages/list/index';
import ManagePage from '../../src/packages/manage/pages/index/index';
import HomePage from '../../src/pages/index/index';
import * as activities from '../../src/services/activities';
import { fetchMe } from '../../src/services/me';
import { fetchRoster } from '../../src/services/org';
import { ApiError } from '../../src/services/api-error';
import { member, roster as branchRoster, secretary } from './fixtures';

jest.mock('../../src/services/activities');
jest.mock('../../src/services/me');
jest.mock('../../src/services/org');
const api = activities as jest.Mocked<typeof activities>;

const themeDay: ActivityDetail = {
  id: 7,
  type: 'theme_day',
  title: '11月主题党日：学习党章',
  place: '机关大楼三楼会议室',
  startsAt: '2026-11-22T09:55:00.000+08:00',
  endsAt: '2026-11-22T11:30:00.000+08:00',
  status: 'scheduled',
  branch: { id: 11, name: '机关第一党支部' },
  myStatus: 'pending',
  myLeave: null,
  topic: '学习党章第一章',
  checkinOpensAt: '2026-11-22T09:25:00.000+08:00',
  checkinClosesAt: '2026-11-22T11:30:00.000+08:00',
  lateAfter: '2026-11-22T10:05:00.000+08:00',
  geofence: null,
  points: { amount: 1, label: '参加主题党日' },
  record: null,
  cancelReason: null,
  myAttendance: null,
  myLeaveRequest: null,
  canManage: false,
  counts: { invited: 12, present: 3, late: 0, leave: 1, absent: 0, pending: 8 },
};

const upcoming: MyActivities = {
  items: [
    {
      ...themeDay,
      startsAt: '2026-11-26T14:30:00.000+08:00',
      endsAt: '2026-11-26T16:30:00.000+08:00',
      checkinOpensAt: '2026-11-26T14:00:00.000+08:00',
      checkinClosesAt: '2026-11-26T16:30:00.000+08:00',
    },
  ],
  tally: { present: 0, late: 0, leave: 0, absent: 0 },
};

describe('activity detail (member)', () => {
  it('checks in with the typed code and shows the points it earned', async () => {
    __mock.setRoute('packages/activities/pages/detail/index', { id: '7' });
    const attendance = {
      status: 'present' as const,
      method: 'code' as const,
      checkedInAt: '2026-11-22T10:00:00.000+08:00',
    };
    // The page reloads after the check-in; the member still sees what it earned.
    api.fetchActivity
      .mockResolvedValueOnce(themeDay)
      .mockResolvedValue({ ...themeDay, myStatus: 'present', myAttendance: attendance });
    api.checkIn.mockResolvedValue({
      attendance: { status: 'present', method: 'code', checkedInAt: '2026-11-22T10:00:00.000+08:00' },
      created: true,
      pointsAwarded: 1,
    });
    render(<ActivityDetailPage />);

    expect(await screen.findByText('11月主题党日：学习党章')).toBeTruthy();
    expect(screen.getByText('参加可得 1 分（参加主题党日）')).toBeTruthy();
    expect(screen.queryByText('扫码签到')).toBeNull();
    fireEvent.change(screen.getByLabelText('签到码'), { target: { value: '048213' } });
    fireEvent.click(screen.getByText('确认签到'));

    expect(await screen.findByText('已签到，积分 +1')).toBeTruthy();
    await waitFor(() => expect(api.fetchActivity).toHaveBeenCalledTimes(2));
    expect(screen.getByText('已签到，积分 +1')).toBeTruthy();
    expect(screen.queryByText('确认签到')).toBeNull();
    expect(api.checkIn).toHaveBeenCalledWith(
      7,
      { code: '048213' },
      expect.objectContaining({ silent: true, key: expect.any(String) }),
    );
  });

  it('shows why a code was refused, in the API’s words', async () => {
    __mock.setRoute('packages/activities/pages/detail/index', { id: '7' });
    api.fetchActivity.mockResolvedValue(themeDay);
    api.checkIn.mockRejectedValue(new ApiError(400, 'CHECKIN_CODE_EXPIRED', '签到码已过期，请输入屏幕上最新的签到码'));
    render(<ActivityDetailPage />);

    fireEvent.change(await screen.findByLabelText('签到码'), { target: { value: '123456' } });
    fireEvent.click(screen.getByText('确认签到'));

    expect((await screen.findByRole('alert')).textContent).toBe('签到码已过期，请输入屏幕上最新的签到码');
  });

  it('scans the QR code on the mini-program and sends its token', async () => {
    __mock.setRoute('packages/activities/pages/detail/index', { id: '7' });
    (Taro.getEnv as jest.Mock).mockReturnValue('WEAPP');
    (Taro.scanCode as jest.Mock).mockResolvedValue({ result: 'xianfeng:checkin:7:AbCdEfGhIjKlMnOpQrStUv' });
    api.fetchActivity.mockResolvedValue(themeDay);
    api.checkIn.mockResolvedValue({
      attendance: { status: 'late', method: 'qr', checkedInAt: '2026-11-22T10:10:00.000+08:00' },
      created: true,
      pointsAwarded: 1,
    });
    render(<ActivityDetailPage />);

    fireEvent.click(await screen.findByText('扫码签到'));

    expect(await screen.findByText('迟到，积分 +1')).toBeTruthy();
    expect(api.checkIn).toHaveBeenCalledWith(
      7,
      { token: 'AbCdEfGhIjKlMnOpQrStUv' },
      expect.objectContaining({ silent: true, key: expect.any(String) }),
    );
    (Taro.getEnv as jest.Mock).mockReturnValue('WEB');
  });

  it('scans the https check-in link, and checks in when WeChat’s 扫一扫 opened the page with it', async () => {
    const link = 'https://xf.example.gov.cn/c/7/AbCdEfGhIjKlMnOpQrStUv';
    (Taro.getEnv as jest.Mock).mockReturnValue('WEAPP');
    api.fetchActivity.mockResolvedValue(themeDay);
    api.checkIn.mockResolvedValue({
      attendance: { status: 'present', method: 'qr', checkedInAt: '2026-11-22T10:00:00.000+08:00' },
      created: true,
      pointsAwarded: 1,
    });

    __mock.setRoute('packages/activities/pages/detail/index', { id: '7' });
    (Taro.scanCode as jest.Mock).mockResolvedValue({ result: link });
    const first = render(<ActivityDetailPage />);
    fireEvent.click(await screen.findByText('扫码签到'));
    expect(await screen.findByText('已签到，积分 +1')).toBeTruthy();
    expect(api.checkIn).toHaveBeenLastCalledWith(
      7,
      { token: 'AbCdEfGhIjKlMnOpQrStUv' },
      expect.objectContaining({ silent: true }),
    );
    first.unmount();

    // Another activity's QR is refused before anything is sent.
    api.checkIn.mockClear();
    (Taro.scanCode as jest.Mock).mockResolvedValue({ result: 'https://xf.example.gov.cn/c/8/AbCdEfGhIjKlMnOpQrStUv' });
    const second = render(<ActivityDetailPage />);
    fireEvent.click(await screen.findByText('扫码签到'));
    expect((await screen.findByRole('alert')).textContent).toBe('这不是本次活动的签到二维码');
    expect(api.checkIn).not.toHaveBeenCalled();
    second.unmount();

    __mock.setRoute('packages/activities/pages/detail/index', { q: encodeURIComponent(link), scancode_time: '1' });
    render(<ActivityDetailPage />);
    expect(await screen.findByText('已签到，积分 +1')).toBeTruthy();
    expect(api.fetchActivity).toHaveBeenLastCalledWith(7, expect.anything());
    expect(api.checkIn).toHaveBeenCalledTimes(1);
    (Taro.getEnv as jest.Mock).mockReturnValue('WEB');
  });

  it('offers 去设置 when location was refused once, and checks in after it is allowed there', async () => {
    __mock.setRoute('packages/activities/pages/detail/index', { id: '7' });
    (Taro.getEnv as jest.Mock).mockReturnValue('WEAPP');
    api.fetchActivity.mockResolvedValue({ ...themeDay, geofence: { lat: 39.9, lng: 116.4, radiusM: 200 } });
    (Taro.getLocation as jest.Mock).mockRejectedValueOnce({ errMsg: 'getLocation:fail auth deny' });
    (Taro.getSetting as jest.Mock).mockResolvedValueOnce({ authSetting: { 'scope.userLocation': false } });
    (Taro.openSetting as jest.Mock).mockResolvedValueOnce({ authSetting: { 'scope.userLocation': true } });
    api.checkIn.mockResolvedValue({
      attendance: { status: 'present', method: 'code', checkedInAt: '2026-11-22T10:00:00.000+08:00' },
      created: true,
      pointsAwarded: 1,
    });
    render(<ActivityDetailPage />);

    fireEvent.change(await screen.findByLabelText('签到码'), { target: { value: '123456' } });
    fireEvent.click(screen.getByText('确认签到'));
    expect(await screen.findByText('去设置')).toBeTruthy();
    expect(screen.getByText(/请书记在签到名册上为您登记/)).toBeTruthy();
    expect(api.checkIn).not.toHaveBeenCalled();

    fireEvent.click(screen.getByText('去设置'));
    expect(await screen.findByText('已签到，积分 +1')).toBeTruthy();
    expect(Taro.openSetting).toHaveBeenCalledTimes(1);
    expect(api.checkIn).toHaveBeenCalledWith(
      7,
      { code: '123456', lat: 39.9, lng: 116.4 },
      expect.objectContaining({ silent: true }),
    );
    (Taro.getEnv as jest.Mock).mockReturnValue('WEB');
  });

  it('asks for leave with a reason before the start', async () => {
    __mock.setRoute('packages/activities/pages/detail/index', { id: '7' });
    const later = {
      ...themeDay,
      startsAt: '2026-11-26T14:30:00.000+08:00',
      endsAt: '2026-11-26T16:30:00.000+08:00',
      checkinOpensAt: '2026-11-26T14:00:00.000+08:00',
      checkinClosesAt: '2026-11-26T16:30:00.000+08:00',
    };
    api.fetchActivity.mockResolvedValueOnce(later).mockResolvedValueOnce({
      ...later,
      myLeave: 'pending',
      myLeaveRequest: {
        id: 3,
        activityId: 7,
        member: { id: 101, name: '李建华' },
        reason: '出差在外',
        status: 'pending',
        decisionNote: null,
        createdAt: '2026-11-22T10:00:00.000+08:00',
        decidedAt: null,
      },
    });
    api.askForLeave.mockResolvedValue({} as never);
    render(<ActivityDetailPage />);

    fireEvent.change(await screen.findByLabelText('请假事由'), { target: { value: '出差在外' } });
    fireEvent.click(screen.getByText('提交请假'));

    expect(await screen.findByText('请假待审批：出差在外')).toBeTruthy();
    expect(api.askForLeave).toHaveBeenCalledWith(7, '出差在外', { silent: true });
    expect(screen.queryByText('提交请假')).toBeNull();
  });
});

describe('check-in screen (secretary)', () => {
  const shown = (code: string, names: string[]): CheckInDisplay => ({
    activityId: 7,
    title: themeDay.title,
    status: 'scheduled',
    payload: `xianfeng:checkin:7:token${code}`,
    code,
    refreshAt: '2026-11-22T10:00:00.300+08:00',
    serverTime: '2026-11-22T10:00:00.000+08:00',
    windowOpen: true,
    startsAt: '2026-11-22T09:55:00.000+08:00',
    endsAt: '2026-11-22T11:30:00.000+08:00',
    checkinOpensAt: '2026-11-22T09:25:00.000+08:00',
    checkinClosesAt: '2026-11-22T11:30:00.000+08:00',
    viewerStatus: null,
    counts: { invited: 4, present: names.length, late: 0, leave: 0, absent: 0, pending: 4 - names.length },
    checkedIn: names.map((name, i) => ({
      id: i + 1,
      name,
      status: 'present',
      checkedInAt: '2026-11-22T09:58:00.000+08:00',
    })),
    notYet: [{ id: 9, name: '王老五' }],
  });

  it('shows the code and who is in, and turns to the next code by itself', async () => {
    __mock.setRoute('packages/activities/pages/display/index', { id: '7' });
    api.fetchCheckInDisplay.mockResolvedValueOnce(shown('048213', [])).mockResolvedValue(shown('771902', ['张三']));
    render(<CheckInDisplayPage />);

    expect(await screen.findByText('048213')).toBeTruthy();
    expect(screen.getByText('王老五')).toBeTruthy();
    expect(await screen.findByText('771902')).toBeTruthy();
    expect(screen.getByText('张三 09:58')).toBeTruthy();
    expect(screen.getByText('已签到（1）')).toBeTruthy();
  });
});

describe('roster (secretary)', () => {
  const roster: ActivityRoster = {
    activity: { ...themeDay, canManage: true, myStatus: null },
    rows: [
      {
        member: { id: 1, name: '张三' },
        status: 'present',
        method: 'code',
        checkedInAt: '2026-11-22T09:58:00.000+08:00',
        note: null,
        leave: null,
      },
      {
        member: { id: 2, name: '李四' },
        status: 'pending',
        method: null,
        checkedInAt: null,
        note: null,
        leave: {
          id: 5,
          activityId: 7,
          member: { id: 2, name: '李四' },
          reason: '陪同家人就医',
          status: 'pending',
          decisionNote: null,
          createdAt: '2026-11-21T10:00:00.000+08:00',
          decidedAt: null,
        },
      },
      {
        member: { id: 3, name: '王老五' },
        status: 'pending',
        method: null,
        checkedInAt: null,
        note: null,
        leave: null,
      },
    ],
  };

  it('marks a member present with the note and approves leave', async () => {
    __mock.setRoute('packages/activities/pages/roster/index', { id: '7' });
    api.fetchActivityRoster.mockResolvedValue(roster);
    const marked: ActivityRoster = {
      ...roster,
      rows: roster.rows.map((r) =>
        r.member.id === 3 ? { ...r, status: 'present', method: 'roster', note: '书记代为登记' } : r,
      ),
    };
    api.markAttendance.mockResolvedValue(marked);
    api.decideLeave.mockResolvedValue(marked);
    const { container } = render(<ActivityRosterPage />);

    expect(await screen.findByText('请假待审批（1）')).toBeTruthy();
    const row = container.querySelector('[data-member="王老五"]') as HTMLElement;
    fireEvent.click(Array.from(row.querySelectorAll('[role="button"]')).find((b) => b.textContent === '出席')!);
    // The mark is sent once its few seconds for 撤销 are over.
    await waitFor(
      () => expect(api.markAttendance).toHaveBeenCalledWith(7, 3, 'present', '书记代为登记', { silent: true }),
      { timeout: 8_000 },
    );
    expect(await screen.findByText('书记登记 · 书记代为登记')).toBeTruthy();

    fireEvent.click(screen.getByText('批准'));
    await waitFor(() => expect(api.decideLeave).toHaveBeenCalledWith(7, 5, { approve: true }, { silent: true }));
  }, 15_000);

  it('closes the activity only after the secretary confirms', async () => {
    __mock.setRoute('packages/activities/pages/roster/index', { id: '7' });
    api.fetchActivityRoster.mockResolvedValue(roster);
    api.closeActivity.mockResolvedValue({ ...themeDay, status: 'closed' });
    (Taro.showModal as jest.Mock).mockResolvedValueOnce({ confirm: false, cancel: true });
    render(<ActivityRosterPage />);

    fireEvent.click(await screen.findByText('结束活动并结算'));
    await waitFor(() => expect(Taro.showModal).toHaveBeenCalled());
    expect(api.closeActivity).not.toHaveBeenCalled();
    fireEvent.click(screen.getByText('结束活动并结算'));
    await waitFor(() => expect(api.closeActivity).toHaveBeenCalledWith(7, { silent: true }));
  });
});

describe('entry points', () => {
  it('首页 lists the member’s upcoming activities with their status', async () => {
    (fetchMe as jest.Mock).mockResolvedValue(member);
    api.fetchMyActivities.mockResolvedValue(upcoming);
    render(<HomePage />);

    expect(await screen.findByText('11月主题党日：学习党章')).toBeTruthy();
    // Not a red 未签到 for something that has not happened yet.
    expect(screen.getByText('未开始')).toBeTruthy();
    expect(screen.queryByText('未签到')).toBeNull();
    // China time, though the tests' device is in Los Angeles (10:00 in China is 18:00 the day before there).
    expect(screen.getByText('11月26日 周四 14:30–16:30 · 机关大楼三楼会议室')).toBeTruthy();
    expect(screen.getByText('上午好，李建华')).toBeTruthy();
    fireEvent.click(screen.getByText('11月主题党日：学习党章'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/activities/pages/detail/index?id=7' });
  });

  it('the history tab shows the year’s tally', async () => {
    api.fetchMyActivities.mockImplementation(async (when) =>
      when === 'past'
        ? {
            items: [{ ...themeDay, status: 'closed', myStatus: 'late' }],
            tally: { present: 9, late: 1, leave: 2, absent: 0 },
          }
        : upcoming,
    );
    render(<ActivityListPage />);
    fireEvent.click(await screen.findByText('签到记录'));
    expect(await screen.findByText('2026年参加情况')).toBeTruthy();
    expect(screen.getByText('9')).toBeTruthy();
    expect(api.fetchMyActivities).toHaveBeenLastCalledWith('past', 2026, { silent: true });
  });

  it('管理 offers a secretary 活动与签到 for the own branch', async () => {
    (fetchMe as jest.Mock).mockResolvedValue(secretary);
    (fetchRoster as jest.Mock).mockResolvedValue(branchRoster);
    render(<ManagePage />);
    fireEvent.click(await screen.findByText('活动与签到'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/activities/pages/manage/index?branchId=11' });
  });
});
