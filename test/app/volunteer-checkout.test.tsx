// 志愿服务活动 in the app: a member checks out with the same code and sees the hours going to
// review; the secretary completes a missed check-out with a time and a note, asked first, and
// never for themselves.
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { ActivityDetail, CheckOutRoster } from '@contract';
import { __mock } from './mocks/taro';
import ActivityDetailPage from '../../src/packages/activities/pages/detail/index';
import * as activities from '../../src/services/activities';
import { fetchMe } from '../../src/services/me';
import { ApiError } from '../../src/services/api-error';
import { member, secretary } from './fixtures';

jest.mock('../../src/services/activities');
jest.mock('../../src/services/me');
const api = activities as jest.Mocked<typeof activities>;

// NOW (test/app/setup.ts) is 2026-11-22 10:00 China time: the activity has started, ends at 11:30.
const volunteer: ActivityDetail = {
  id: 9,
  type: 'volunteer',
  title: '社区义务植树',
  place: '滨河公园',
  startsAt: '2026-11-22T08:30:00.000+08:00',
  endsAt: '2026-11-22T11:30:00.000+08:00',
  status: 'scheduled',
  branch: { id: 11, name: '机关第一党支部' },
  myStatus: 'present',
  myLeave: null,
  topic: '为社区公园补种树苗',
  checkinOpensAt: '2026-11-22T08:00:00.000+08:00',
  checkinClosesAt: '2026-11-22T11:30:00.000+08:00',
  lateAfter: '2026-11-22T08:40:00.000+08:00',
  geofence: null,
  points: null,
  record: null,
  cancelReason: null,
  myAttendance: { status: 'present', method: 'code', checkedInAt: '2026-11-22T08:20:00.000+08:00' },
  myLeaveRequest: null,
  canManage: false,
  counts: { invited: 12, present: 3, late: 0, leave: 0, absent: 0, pending: 9 },
  checkOutClosesAt: '2026-11-22T13:30:00.000+08:00',
  myCheckOut: null,
};

const checkOuts: CheckOutRoster = {
  items: [
    {
      member: { id: 31, name: '张建国' },
      checkedInAt: '2026-11-22T08:20:00.000+08:00',
      checkedOutAt: '2026-11-22T11:35:00.000+08:00',
      note: null,
      hours: 3,
      recordStatus: 'pending',
    },
    {
      member: { id: 32, name: '李秀兰' },
      checkedInAt: '2026-11-22T08:25:00.000+08:00',
      checkedOutAt: null,
      note: null,
      hours: null,
      recordStatus: null,
    },
    {
      member: { id: secretary.id, name: secretary.name },
      checkedInAt: '2026-11-22T08:10:00.000+08:00',
      checkedOutAt: null,
      note: null,
      hours: null,
      recordStatus: null,
    },
  ],
};

beforeEach(() => {
  __mock.reset();
  __mock.setRoute('packages/activities/pages/detail/index', { id: '9' });
  (fetchMe as jest.Mock).mockResolvedValue(member);
});

describe('volunteer check-out', () => {
  it('a member checks out with the code and is told the hours go to review', async () => {
    api.fetchActivity.mockResolvedValue(volunteer);
    api.checkOut.mockResolvedValue({
      checkedInAt: '2026-11-22T08:20:00.000+08:00',
      checkedOutAt: '2026-11-22T11:35:00.000+08:00',
      hours: 3,
      recordId: 5,
      recordStatus: 'pending',
      completedByManager: false,
    });
    render(<ActivityDetailPage />);
    expect(await screen.findByText('活动结束时签退')).toBeTruthy();
    const confirm = screen.getByText('确认签退');
    fireEvent.input(screen.getByLabelText('签退码'), { target: { value: '123456' }, detail: { value: '123456' } });
    fireEvent.click(confirm);
    await waitFor(() => expect(api.checkOut).toHaveBeenCalledWith(9, { code: '123456' }, { silent: true }));
    expect(await screen.findByText('记录 3 小时')).toBeTruthy();
    expect(screen.getByText('等待书记审核后计入志愿服务')).toBeTruthy();
  });

  it('shows the refusal in Chinese and keeps the form', async () => {
    api.fetchActivity.mockResolvedValue(volunteer);
    api.checkOut.mockRejectedValue(new ApiError(400, 'CHECKIN_CODE_INVALID', '签到码不正确，请核对后重新输入'));
    render(<ActivityDetailPage />);
    fireEvent.input(await screen.findByLabelText('签退码'), {
      target: { value: '000000' },
      detail: { value: '000000' },
    });
    fireEvent.click(screen.getByText('确认签退'));
    expect(await screen.findByText('签到码不正确，请核对后重新输入')).toBeTruthy();
    expect(screen.getByText('确认签退')).toBeTruthy();
  });

  it('after the check-out, shows the hours instead of the form', async () => {
    api.fetchActivity.mockResolvedValue({
      ...volunteer,
      myCheckOut: { checkedOutAt: '2026-11-22T11:35:00.000+08:00', hours: 3 },
    });
    render(<ActivityDetailPage />);
    expect(await screen.findByText('11:35 签退 · 3 小时')).toBeTruthy();
    expect(screen.queryByText('确认签退')).toBeNull();
  });

  it('a meeting offers no check-out', async () => {
    api.fetchActivity.mockResolvedValue({ ...volunteer, type: 'theme_day', checkOutClosesAt: undefined });
    render(<ActivityDetailPage />);
    expect(await screen.findByText('社区义务植树')).toBeTruthy();
    expect(screen.queryByText('活动结束时签退')).toBeNull();
  });

  it('the secretary completes a missed check-out with a note, asked first; not their own', async () => {
    (fetchMe as jest.Mock).mockResolvedValue(secretary);
    api.fetchActivity.mockResolvedValue({ ...volunteer, canManage: true, myStatus: null, myAttendance: null });
    api.fetchCheckOuts.mockResolvedValue(checkOuts);
    api.completeCheckOut.mockResolvedValue({
      checkedInAt: '2026-11-22T08:25:00.000+08:00',
      checkedOutAt: '2026-11-22T11:30:00.000+08:00',
      hours: 3,
      recordId: 6,
      recordStatus: 'pending',
      completedByManager: true,
    });
    render(<ActivityDetailPage />);
    expect(await screen.findByText('签退与时长（2 人未签退）')).toBeTruthy();
    expect(screen.getByText(/11:35 签退 · 3 小时/)).toBeTruthy();
    // Their own missing check-out: another manager completes it.
    expect(screen.getAllByText('补签退')).toHaveLength(1);
    expect(screen.getByRole('note')).toBeTruthy();

    fireEvent.click(screen.getByText('补签退'));
    fireEvent.click(screen.getByText('确认补签退'));
    expect(await screen.findByText('请填写补签退的说明（至少 2 个字）')).toBeTruthy();
    expect(api.completeCheckOut).not.toHaveBeenCalled();

    fireEvent.input(screen.getByPlaceholderText('说明，如：手机没电，现场确认 17:00 离开'), {
      target: { value: '手机没电，现场确认' },
      detail: { value: '手机没电，现场确认' },
    });
    (Taro.showModal as jest.Mock).mockResolvedValueOnce({ confirm: false, cancel: true });
    fireEvent.click(screen.getByText('确认补签退'));
    await waitFor(() => expect(Taro.showModal).toHaveBeenCalledTimes(1));
    expect((Taro.showModal as jest.Mock).mock.calls[0][0].title).toBe('为李秀兰补签退？');
    expect(api.completeCheckOut).not.toHaveBeenCalled();

    fireEvent.click(screen.getByText('确认补签退'));
    await waitFor(() =>
      expect(api.completeCheckOut).toHaveBeenCalledWith(
        9,
        32,
        { checkedOutAt: '2026-11-22T11:30:00.000+08:00', note: '手机没电，现场确认' },
        { silent: true },
      ),
    );
  });
});
