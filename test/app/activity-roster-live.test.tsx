// The secretary's roster and check-in screen during a meeting: live counts, marks that can be
// undone, confirmations before points move, names in the close dialog, the secretary's own check-in.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { ActivityDetail, ActivityRoster, CheckInDisplay } from '@contract';
import { __mock } from './mocks/taro';
import ActivityDetailPage from '../../src/packages/activities/pages/detail/index';
import CheckInDisplayPage from '../../src/packages/activities/pages/display/index';
import ActivityRosterPage, { UNDO_MS } from '../../src/packages/activities/pages/roster/index';
import * as activities from '../../src/services/activities';
import { fetchMe } from '../../src/services/me';
import { ApiError } from '../../src/services/api-error';
import { secretary } from './fixtures';

jest.mock('../../src/services/activities');
jest.mock('../../src/services/me');
const api = activities as jest.Mocked<typeof activities>;

/** 10:30 in China on the day of the meeting: check-in is open (09:25–11:30). */
const DURING = Date.parse('2026-11-22T10:30:00.000+08:00');

const themeDay: ActivityDetail = {
  id: 7,
  type: 'theme_day',
  title: '11月主题党日：学习党章',
  place: '机关大楼三楼会议室',
  startsAt: '2026-11-22T09:55:00.000+08:00',
  endsAt: '2026-11-22T11:30:00.000+08:00',
  status: 'scheduled',
  branch: { id: 11, name: '机关第一党支部' },
  myStatus: null,
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
  canManage: true,
  counts: { invited: 3, present: 1, late: 0, leave: 0, absent: 0, pending: 2 },
};

const row = (id: number, name: string, extra: Partial<ActivityRoster['rows'][number]> = {}) => ({
  member: { id, name },
  status: 'pending' as const,
  method: null,
  checkedInAt: null,
  note: null,
  leave: null,
  ...extra,
});

const roster: ActivityRoster = {
  activity: themeDay,
  rows: [
    row(1, '张三', { status: 'present', method: 'code', checkedInAt: '2026-11-22T09:58:00.000+08:00' }),
    row(2, '李四', {
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
    }),
    row(3, '王老五'),
  ],
};

const buttonIn = (container: HTMLElement, member: string, label: string) =>
  Array.from(container.querySelectorAll(`[data-member="${member}"] [role="button"]`)).find(
    (b) => b.textContent === label,
  ) as HTMLElement;

beforeEach(() => {
  jest.useFakeTimers();
  jest.setSystemTime(DURING);
  __mock.setRoute('packages/activities/pages/roster/index', { id: '7' });
  (fetchMe as jest.Mock).mockResolvedValue(null);
});
afterEach(() => {
  jest.useRealTimers();
});

describe('roster marks forgive a slip', () => {
  it('a mark waits a few seconds: 撤销 sends nothing; otherwise it is sent with the note for its status', async () => {
    api.fetchActivityRoster.mockResolvedValue(roster);
    api.markAttendance.mockResolvedValue(roster);
    const { container } = render(<ActivityRosterPage />);
    await screen.findByText('签到名册');

    fireEvent.click(buttonIn(container, '王老五', '出席'));
    expect(screen.getByRole('status').textContent).toContain('已将 王老五 登记为“出席”');
    expect(container.querySelector('[data-member="王老五"]')!.textContent).toContain('几秒后保存，可撤销');
    fireEvent.click(screen.getByText('撤销'));
    expect(screen.queryByRole('status')).toBeNull();
    act(() => {
      jest.advanceTimersByTime(UNDO_MS * 2);
    });
    expect(api.markAttendance).not.toHaveBeenCalled();

    // A leave mark says so, not 书记代为登记.
    fireEvent.click(buttonIn(container, '王老五', '请假'));
    act(() => {
      jest.advanceTimersByTime(UNDO_MS + 100);
    });
    await waitFor(() =>
      expect(api.markAttendance).toHaveBeenCalledWith(7, 3, 'leave', '已向书记请假', { silent: true }),
    );
    expect(api.markAttendance).toHaveBeenCalledTimes(1);
  });

  it('a second mark sends the first at once; a present mark carries 书记代为登记, a typed note wins', async () => {
    api.fetchActivityRoster.mockResolvedValue(roster);
    api.markAttendance.mockResolvedValue(roster);
    const { container } = render(<ActivityRosterPage />);
    await screen.findByText('签到名册');

    fireEvent.click(buttonIn(container, '王老五', '出席'));
    fireEvent.click(buttonIn(container, '李四', '迟到'));
    await waitFor(() =>
      expect(api.markAttendance).toHaveBeenCalledWith(7, 3, 'present', '书记代为登记', { silent: true }),
    );
    fireEvent.click(screen.getByText('撤销'));
    expect(api.markAttendance).toHaveBeenCalledTimes(1);

    fireEvent.change(screen.getByLabelText('登记备注'), { target: { value: '会前电话请假' } });
    fireEvent.click(buttonIn(container, '李四', '请假'));
    act(() => {
      jest.advanceTimersByTime(UNDO_MS + 100);
    });
    await waitFor(() =>
      expect(api.markAttendance).toHaveBeenLastCalledWith(7, 2, 'leave', '会前电话请假', { silent: true }),
    );
  });

  it('reversing a checked-in member asks first, since points move', async () => {
    api.fetchActivityRoster.mockResolvedValue(roster);
    api.markAttendance.mockResolvedValue(roster);
    const { container } = render(<ActivityRosterPage />);
    await screen.findByText('签到名册');

    (Taro.showModal as jest.Mock).mockResolvedValueOnce({ confirm: false, cancel: true });
    fireEvent.click(buttonIn(container, '张三', '缺席'));
    await waitFor(() => expect(Taro.showModal).toHaveBeenCalledTimes(1));
    const asked = (Taro.showModal as jest.Mock).mock.calls[0][0];
    expect(asked.title).toBe('改为“缺席”？');
    expect(asked.content).toContain('张三已签到（签到码 09:58）');
    expect(asked.content).toContain('签到码 09:58');
    expect(asked.content).toContain('收回本次出勤的积分');
    act(() => {
      jest.advanceTimersByTime(UNDO_MS * 2);
    });
    expect(screen.queryByRole('status')).toBeNull();
    expect(api.markAttendance).not.toHaveBeenCalled();

    fireEvent.click(buttonIn(container, '张三', '缺席'));
    expect(await screen.findByRole('status')).toBeTruthy();
    act(() => {
      jest.advanceTimersByTime(UNDO_MS + 100);
    });
    await waitFor(() => expect(api.markAttendance).toHaveBeenCalledWith(7, 1, 'absent', undefined, { silent: true }));
    // Marking a pending member present asks nothing.
    (Taro.showModal as jest.Mock).mockClear();
    fireEvent.click(buttonIn(container, '王老五', '出席'));
    expect(Taro.showModal).not.toHaveBeenCalled();
  });

  it('rejecting leave asks for a reason and sends it', async () => {
    api.fetchActivityRoster.mockResolvedValue(roster);
    api.decideLeave.mockResolvedValue(roster);
    render(<ActivityRosterPage />);

    fireEvent.click(await screen.findByText('不批准'));
    const reason = screen.getByPlaceholderText('不批准的理由（党员会看到）');
    fireEvent.click(screen.getAllByText('不批准').at(-1)!);
    expect(screen.getByText('理由至少 2 个字')).toBeTruthy();
    expect(api.decideLeave).not.toHaveBeenCalled();
    fireEvent.change(reason, { target: { value: '本次为换届选举' } });
    fireEvent.click(screen.getAllByText('不批准').at(-1)!);
    await waitFor(() =>
      expect(api.decideLeave).toHaveBeenCalledWith(7, 5, { approve: false, note: '本次为换届选举' }, { silent: true }),
    );
  });
});

describe('closing names names', () => {
  it('the close dialog lists who will be marked absent', async () => {
    api.fetchActivityRoster.mockResolvedValue(roster);
    api.closeActivity.mockResolvedValue({ ...themeDay, status: 'closed' });
    (Taro.showModal as jest.Mock).mockResolvedValueOnce({ confirm: false, cancel: true });
    render(<ActivityRosterPage />);

    fireEvent.click(await screen.findByText('结束活动并结算'));
    await waitFor(() => expect(Taro.showModal).toHaveBeenCalled());
    expect((Taro.showModal as jest.Mock).mock.calls[0][0].content).toBe(
      '以下 2 人尚未登记，将记为缺席：李四、王老五。确定结束并结算积分吗？',
    );
    expect(api.closeActivity).not.toHaveBeenCalled();
    fireEvent.click(screen.getByText('结束活动并结算'));
    await waitFor(() => expect(api.closeActivity).toHaveBeenCalledWith(7, { silent: true }));
  });

  it('a secretary on the list with no record is told to check in first, and nothing is closed', async () => {
    (fetchMe as jest.Mock).mockResolvedValue(secretary);
    api.fetchActivityRoster.mockResolvedValue({ ...roster, rows: [...roster.rows, row(secretary.id, secretary.name)] });
    render(<ActivityRosterPage />);

    expect(await screen.findByText(/您本人也在名单中，还没有签到/)).toBeTruthy();
    fireEvent.click(screen.getByText('结束活动并结算'));
    await waitFor(() => expect(Taro.showModal).toHaveBeenCalled());
    expect((Taro.showModal as jest.Mock).mock.calls[0][0].title).toBe('请先为您本人签到');
    expect(api.closeActivity).not.toHaveBeenCalled();
  });
});

describe('the roster follows the clock', () => {
  it('updates by itself within 3 s while check-in is open', async () => {
    const fourth = {
      ...roster,
      activity: { ...themeDay, counts: { ...themeDay.counts, present: 2, pending: 1 } },
      rows: roster.rows.map((r) =>
        r.member.id === 3 ? { ...r, status: 'present' as const, method: 'qr' as const } : r,
      ),
    };
    api.fetchActivityRoster.mockResolvedValueOnce(roster).mockResolvedValue(fourth);
    render(<ActivityRosterPage />);
    expect(await screen.findByText(/已到 1（迟到 0）/)).toBeTruthy();
    act(() => {
      jest.advanceTimersByTime(3_000);
    });
    expect(await screen.findByText(/已到 2（迟到 0）/)).toBeTruthy();
  });

  it('an activity 10 days away offers no live marks and no screen, and says when check-in opens', async () => {
    jest.setSystemTime(DURING - 10 * 24 * 3600_000);
    api.fetchActivityRoster.mockResolvedValue(roster);
    const { container } = render(<ActivityRosterPage />);

    expect(await screen.findByText(/签到将于 11月22日 周日 09:25 开始/)).toBeTruthy();
    expect(screen.getByText('未开始')).toBeTruthy();
    expect(screen.queryByText('进行中')).toBeNull();
    expect(screen.queryByText('打开签到大屏')).toBeNull();
    expect(screen.queryByText('结束活动并结算')).toBeNull();
    expect(buttonIn(container, '王老五', '出席')).toBeUndefined();
    expect(buttonIn(container, '王老五', '请假')).toBeTruthy();
    expect(screen.getByText('签到表（打印）')).toBeTruthy();
    // Polling waits for the check-in window.
    act(() => {
      jest.advanceTimersByTime(10_000);
    });
    expect(api.fetchActivityRoster).toHaveBeenCalledTimes(1);
  });

  it('结束活动并结算 and 会议记录 appear when the meeting starts, without leaving the page', async () => {
    jest.setSystemTime(Date.parse(themeDay.startsAt) - 60_000);
    api.fetchActivityRoster.mockResolvedValue(roster);
    render(<ActivityRosterPage />);
    expect(await screen.findByText('签到中')).toBeTruthy();
    expect(screen.queryByText('结束活动并结算')).toBeNull();
    expect(screen.queryByText('保存会议记录')).toBeNull();
    act(() => {
      jest.advanceTimersByTime(70_000);
    });
    expect(await screen.findByText('结束活动并结算')).toBeTruthy();
    expect(screen.getByText('保存会议记录')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '会议记录' }));
    expect(Taro.pageScrollTo).toHaveBeenCalledWith({ selector: '#meeting-record', duration: 300 });
  });
});

describe('check-in screen', () => {
  const shown = (over: Partial<CheckInDisplay> = {}): CheckInDisplay => ({
    activityId: 7,
    title: '11月主题党日：学习党章',
    status: 'scheduled',
    payload: 'xianfeng:checkin:7:AbCdEfGhIjKlMnOp',
    code: '048213',
    refreshAt: '2026-11-22T10:30:10.000+08:00',
    serverTime: '2026-11-22T10:30:00.000+08:00',
    windowOpen: true,
    startsAt: themeDay.startsAt,
    endsAt: themeDay.endsAt,
    checkinOpensAt: themeDay.checkinOpensAt,
    checkinClosesAt: themeDay.checkinClosesAt,
    viewerStatus: null,
    counts: { invited: 4, present: 0, late: 0, leave: 0, absent: 0, pending: 4 },
    checkedIn: [],
    notYet: [{ id: 9, name: '王老五' }],
    ...over,
  });

  beforeEach(() => __mock.setRoute('packages/activities/pages/display/index', { id: '7' }));

  it('before the window it says plainly when check-in opens and shows no code', async () => {
    api.fetchCheckInDisplay.mockResolvedValue(
      shown({ windowOpen: false, serverTime: '2026-11-12T10:30:00.000+08:00' }),
    );
    render(<CheckInDisplayPage />);
    expect(await screen.findByText('签到将于 11月22日 周日 09:25 开始')).toBeTruthy();
    expect(screen.queryByText('048213')).toBeNull();
  });

  it('reminds the secretary to check in and checks them in with the code on screen', async () => {
    api.fetchCheckInDisplay
      .mockResolvedValueOnce(shown({ viewerStatus: 'pending' }))
      .mockResolvedValue(shown({ viewerStatus: 'present' }));
    api.checkIn
      .mockRejectedValueOnce(new ApiError(400, 'CHECKIN_LOCATION_REQUIRED', '本次活动需要确认位置'))
      .mockResolvedValue({
        attendance: { status: 'present', method: 'code', checkedInAt: '2026-11-22T10:30:00.000+08:00' },
        created: true,
        pointsAwarded: 1,
      });
    render(<CheckInDisplayPage />);

    expect(await screen.findByText(/您本人也在名单中，还没有签到/)).toBeTruthy();
    fireEvent.click(screen.getByText('用当前签到码为本人签到'));
    await waitFor(() =>
      expect(api.checkIn).toHaveBeenLastCalledWith(7, { code: '048213', lat: 39.9, lng: 116.4 }, { silent: true }),
    );
    await waitFor(() => expect(screen.queryByText(/您本人也在名单中/)).toBeNull());
  });

  it('polls every few seconds while open and stops once the activity is closed', async () => {
    api.fetchCheckInDisplay.mockResolvedValueOnce(shown()).mockResolvedValue(shown({ status: 'closed' }));
    render(<CheckInDisplayPage />);
    expect(await screen.findByText('048213')).toBeTruthy();
    act(() => {
      jest.advanceTimersByTime(2_500);
    });
    expect(await screen.findByText('活动已结束，签到已关闭')).toBeTruthy();
    const calls = api.fetchCheckInDisplay.mock.calls.length;
    act(() => {
      jest.advanceTimersByTime(20_000);
    });
    expect(api.fetchCheckInDisplay.mock.calls.length).toBe(calls);
  });
});

describe('the member sees why leave was not approved', () => {
  it('shows the secretary’s reason beside the rejected request', async () => {
    __mock.setRoute('packages/activities/pages/detail/index', { id: '7' });
    api.fetchActivity.mockResolvedValue({
      ...themeDay,
      startsAt: '2026-11-26T14:30:00.000+08:00',
      endsAt: '2026-11-26T16:30:00.000+08:00',
      canManage: false,
      myStatus: 'pending',
      myLeave: 'rejected',
      myLeaveRequest: {
        id: 5,
        activityId: 7,
        member: { id: 2, name: '李四' },
        reason: '陪同家人就医',
        status: 'rejected',
        decisionNote: '本次为换届选举，请务必参加',
        createdAt: '2026-11-21T10:00:00.000+08:00',
        decidedAt: '2026-11-21T12:00:00.000+08:00',
      },
    });
    render(<ActivityDetailPage />);
    expect(await screen.findByText('请假未批准：陪同家人就医')).toBeTruthy();
    expect(screen.getByText('书记意见：本次为换届选举，请务必参加')).toBeTruthy();
  });
});
