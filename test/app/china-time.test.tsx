// Times in China Standard Time whatever the device's zone (issue #15). jest.config.js runs the
// tests in America/Los_Angeles, so reading a device clock gives a wrong date or hour here.
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ActivityDetail, ManagedQuiz } from '@contract';
import { __mock } from './mocks/taro';
import { NOW } from './setup';
import { member, secretary } from './fixtures';
import {
  chinaDaysFromToday,
  chinaHour,
  chinaInstant,
  chinaToday,
  chinaWeekday,
  chinaYear,
  formatChina,
  isSameChinaDay,
  isUpcoming,
  minutesBetween,
  toChinaIso,
} from '../../src/utils/china-time';
import { formatDate, formatDateTime, greeting } from '../../src/utils/format';
import { formatActivityTime } from '../../src/utils/activity-labels';
import ActivityEditPage from '../../src/packages/activities/pages/edit/index';
import ManageQuizNewPage from '../../src/packages/study/pages/manage-quiz-new/index';
import VolunteerLogPage from '../../src/packages/volunteer/pages/log/index';
import * as activities from '../../src/services/activities';
import * as quiz from '../../src/services/quiz';
import { fetchMe } from '../../src/services/me';

jest.mock('../../src/services/activities');
jest.mock('../../src/services/quiz');
jest.mock('../../src/services/me');
const activityApi = activities as jest.Mocked<typeof activities>;
const quizApi = quiz as jest.Mocked<typeof quiz>;

/** 00:30 on 12月10日 in China; still 12月9日 in UTC and in Los Angeles. */
const CHINA_JUST_AFTER_MIDNIGHT = '2026-12-09T16:30:00.000Z';

describe('the test device is far from China', () => {
  it('runs in a zone whose clock differs from China’s', () => {
    // Without this the tests below could not tell China time from device time.
    expect(new Date(CHINA_JUST_AFTER_MIDNIGHT).getDate()).toBe(9);
    expect(new Date(CHINA_JUST_AFTER_MIDNIGHT).getTimezoneOffset()).not.toBe(-480);
  });
});

describe('china-time helper', () => {
  it('reads an instant on China’s clock just after China’s midnight', () => {
    expect(formatChina(CHINA_JUST_AFTER_MIDNIGHT, 'YYYY-MM-DD HH:mm')).toBe('2026-12-10 00:30');
    expect(chinaWeekday(CHINA_JUST_AFTER_MIDNIGHT)).toBe('周四');
    expect(chinaHour(CHINA_JUST_AFTER_MIDNIGHT)).toBe(0);
    expect(formatChina('2026-12-10T14:30:00.000+08:00', 'HH:mm')).toBe('14:30');
  });

  it('turns the day at China’s midnight, not the device’s or UTC’s', () => {
    expect(chinaToday(Date.parse('2026-12-09T15:59:59.999Z'))).toBe('2026-12-09');
    expect(chinaToday(Date.parse('2026-12-09T16:00:00.000Z'))).toBe('2026-12-10');
    // Midnight in Los Angeles and in UTC are mid-day in China: the same China day either side.
    expect(chinaToday(Date.parse('2026-12-10T07:59:00.000Z'))).toBe('2026-12-10');
    expect(chinaToday(Date.parse('2026-12-10T08:01:00.000Z'))).toBe('2026-12-10');
    expect(chinaToday(Date.parse('2026-12-09T23:59:00.000Z'))).toBe('2026-12-10');
    expect(chinaToday(Date.parse('2026-12-10T00:01:00.000Z'))).toBe('2026-12-10');
    expect(isSameChinaDay('2026-12-09T16:00:00.000Z', '2026-12-10T15:59:59.000Z')).toBe(true);
    expect(isSameChinaDay('2026-12-09T15:59:00.000Z', '2026-12-09T16:01:00.000Z')).toBe(false);
  });

  it('counts days from China’s today (the volunteer form’s 90 days back)', () => {
    expect(chinaDaysFromToday(-90, CHINA_JUST_AFTER_MIDNIGHT)).toBe('2026-09-11');
    expect(chinaDaysFromToday(7, CHINA_JUST_AFTER_MIDNIGHT)).toBe('2026-12-17');
    expect(chinaYear(Date.parse('2025-12-31T16:30:00.000Z'))).toBe(2026);
  });

  it('keeps China’s hours across the device’s daylight-saving change', () => {
    // Los Angeles moves its clocks at 2026-03-08T10:00Z; dayjs's utcOffset(480) prints 09:30 here.
    expect(formatChina('2026-03-08T00:30:00.000Z', 'M月D日 HH:mm')).toBe('3月8日 08:30');
    expect(formatChina('2026-11-01T02:00:00.000Z', 'HH:mm')).toBe('10:00');
  });

  it('reads a picker’s date and time as China wall-clock time, and writes +08:00 for the API', () => {
    expect(toChinaIso('2026-12-10T14:30')).toBe('2026-12-10T14:30:00.000+08:00');
    expect(toChinaIso('2026-12-10')).toBe('2026-12-10T00:00:00.000+08:00');
    expect(toChinaIso('2026-12-10T23:59:59')).toBe('2026-12-10T23:59:59.000+08:00');
    expect(toChinaIso(Date.parse(CHINA_JUST_AFTER_MIDNIGHT))).toBe('2026-12-10T00:30:00.000+08:00');
    expect(chinaInstant('2026-12-10 00:30')).toBe(Date.parse(CHINA_JUST_AFTER_MIDNIGHT));
    expect(() => toChinaIso('someday')).toThrow(RangeError);
    expect(formatChina('someday', 'HH:mm')).toBe('');
  });

  it('compares instants whatever their offsets', () => {
    expect(minutesBetween('2026-12-10T14:30:00.000+08:00', '2026-12-10T06:40:00.000Z')).toBe(10);
    expect(isUpcoming('2026-12-10T14:30:00.000+08:00', '2026-12-10T06:29:00.000Z')).toBe(true);
    expect(isUpcoming('2026-12-10T14:30:00.000+08:00', '2026-12-10T06:30:00.000Z')).toBe(false);
  });
});

describe('what the pages print', () => {
  it('shows the 12月主题党日 at 14:30–16:30 China time (the issue’s example)', () => {
    expect(formatActivityTime('2026-12-10T14:30:00.000+08:00', '2026-12-10T16:30:00.000+08:00')).toBe(
      '12月10日 周四 14:30–16:30',
    );
    // Across China's midnight the end carries its own date; across the device's it does not.
    expect(formatActivityTime('2026-12-10T23:30:00.000+08:00', '2026-12-11T00:30:00.000+08:00')).toBe(
      '12月10日 周四 23:30–12月11日 00:30',
    );
    expect(formatActivityTime('2025-12-31T16:30:00.000Z', '2025-12-31T18:30:00.000Z')).toBe('1月1日 周四 00:30–02:30');
  });

  it('dates ledger lines and records on China’s calendar', () => {
    expect(formatDateTime(CHINA_JUST_AFTER_MIDNIGHT)).toBe('12月10日 00:30');
    expect(formatDateTime('2025-12-31T16:30:00.000Z')).toBe('1月1日 00:30');
    expect(formatDateTime('2025-12-31T15:30:00.000Z')).toBe('2025年12月31日 23:30');
    expect(formatDate(CHINA_JUST_AFTER_MIDNIGHT)).toBe('2026年12月10日');
    expect(formatDate('2026-12-10')).toBe('2026年12月10日');
    expect(formatDate(null)).toBe('未填写');
  });

  it('greets by the hour in China', () => {
    expect(greeting(Date.parse('2026-12-10T11:19:00.000+08:00'))).toBe('中午好');
    expect(greeting(Date.parse('2026-12-10T19:19:00.000+08:00'))).toBe('晚上好');
    expect(greeting(Date.parse('2026-12-10T08:00:00.000+08:00'))).toBe('早上好');
    expect(greeting(Date.parse('2026-12-10T15:00:00.000+08:00'))).toBe('下午好');
    // The tests' clock: 10:00 in China, 18:00 the day before in Los Angeles.
    expect(greeting()).toBe('上午好');
  });
});

const activityAt: ActivityDetail = {
  id: 9,
  type: 'theme_day',
  title: '12月主题党日',
  place: '机关大楼三楼会议室',
  startsAt: '2026-12-10T14:30:00.000+08:00',
  endsAt: '2026-12-10T16:30:00.000+08:00',
  status: 'scheduled',
  branch: { id: 11, name: '机关第一党支部' },
  myStatus: 'pending',
  myLeave: null,
  topic: '学习党章',
  checkinOpensAt: '2026-12-10T14:00:00.000+08:00',
  checkinClosesAt: '2026-12-10T16:30:00.000+08:00',
  lateAfter: '2026-12-10T14:45:00.000+08:00',
  geofence: null,
  points: { amount: 1, label: '参加主题党日' },
  record: null,
  cancelReason: null,
  myAttendance: null,
  myLeaveRequest: null,
  canManage: true,
  counts: { invited: 12, present: 0, late: 0, leave: 0, absent: 0, pending: 12 },
};

describe('forms send China time to the API', () => {
  it('修改活动 shows the activity’s China date and times and saves them with +08:00', async () => {
    __mock.setRoute('packages/activities/pages/edit/index', { id: '9' });
    activityApi.fetchActivity.mockResolvedValue(activityAt);
    activityApi.updateActivity.mockResolvedValue(activityAt);
    render(<ActivityEditPage />);

    expect(await screen.findByLabelText('2026年12月10日 周四 14:30–16:30（2 小时）')).toBeTruthy();
    expect((screen.getByLabelText('迟到分钟') as HTMLInputElement).value).toBe('15');
    fireEvent.click(screen.getByText('保存修改'));
    await waitFor(() => expect(activityApi.updateActivity).toHaveBeenCalled());
    expect(activityApi.updateActivity.mock.calls[0]![1]).toMatchObject({
      startsAt: '2026-12-10T14:30:00.000+08:00',
      endsAt: '2026-12-10T16:30:00.000+08:00',
      lateAfterMinutes: 15,
    });
  });

  it('新建活动 proposes a week from China’s today', async () => {
    __mock.setRoute('packages/activities/pages/edit/index', { branchId: '11' });
    render(<ActivityEditPage />);
    // NOW is 2026-11-22 10:00 in China (still 11-21 on the device).
    expect(await screen.findByLabelText('2026年11月29日 周日 14:30–16:00（1.5 小时）')).toBeTruthy();
  });

  it('a new quiz opens now and closes at 23:59:59 China time on the picked date', async () => {
    (fetchMe as jest.Mock).mockResolvedValue(secretary);
    quizApi.fetchQuestions.mockResolvedValue({ items: [], total: 0, tags: [] });
    quizApi.createQuiz.mockResolvedValue({} as ManagedQuiz);
    render(<ManageQuizNewPage />);

    expect(await screen.findByText('开放日期：2026-11-22')).toBeTruthy();
    expect(screen.getByText('截止日期：2026-11-29（当天 23:59）')).toBeTruthy();
    fireEvent.change(screen.getByPlaceholderText('标题，如：11月党章党规测试'), { target: { value: '12月测试' } });
    fireEvent.click(screen.getByText('发布答题'));
    await waitFor(() => expect(quizApi.createQuiz).toHaveBeenCalled());
    expect(quizApi.createQuiz.mock.calls[0]![0]).toMatchObject({
      opensAt: toChinaIso(NOW),
      closesAt: '2026-11-29T23:59:59.000+08:00',
    });
    expect(toChinaIso(NOW)).toBe('2026-11-22T10:00:00.000+08:00');
  });

  it('the volunteer form limits the date to China’s today and 90 days back', async () => {
    (fetchMe as jest.Mock).mockResolvedValue(member);
    const { container } = render(<VolunteerLogPage />);
    expect(await screen.findByText('2026年11月22日')).toBeTruthy();
    const picker = container.querySelector('[data-picker-mode="date"]');
    expect(picker?.getAttribute('data-start')).toBe('2026-08-24');
    expect(picker?.getAttribute('data-end')).toBe('2026-11-22');
  });
});
