// The date-and-time choice that replaced the wheel pickers, and the new-activity form built on it.
import { useState } from 'react';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { ActivityDetail, ManagedActivity } from '@contract';
import { __mock } from './mocks/taro';
import { DateTimeChoice, type DateTimeValue } from '../../src/components/date-time-choice';
import {
  dateChoices,
  defaultMeeting,
  durationLabel,
  usualWeekday,
  yearRange,
} from '../../src/components/date-time-choice/choices';
import ActivityEditPage from '../../src/packages/activities/pages/edit/index';
import * as activities from '../../src/services/activities';
import { fetchRoster } from '../../src/services/org';
import { roster as branchRoster } from './fixtures';

jest.mock('../../src/services/activities');
jest.mock('../../src/services/org');
const api = activities as jest.Mocked<typeof activities>;

/** Monday 30 November 2026, 10:00 in China (the tests' device is in Los Angeles, still Sunday there). */
const MONDAY = Date.parse('2026-11-30T10:00:00.000+08:00');
const THURSDAY = 4;

describe('defaults and quick picks', () => {
  it('starts on the branch’s usual day next week at 14:30 for 90 minutes', () => {
    expect(defaultMeeting(THURSDAY, MONDAY)).toEqual({ date: '2026-12-10', start: '14:30', minutes: 90 });
    // From a Sunday, "next week" is the week starting tomorrow.
    expect(defaultMeeting(THURSDAY, Date.parse('2026-12-06T10:00:00.000+08:00')).date).toBe('2026-12-10');
    // Without history: a week from today.
    expect(defaultMeeting(null, MONDAY).date).toBe('2026-12-07');
  });

  it('reads the usual weekday from past start times in China time', () => {
    expect(
      usualWeekday([
        '2026-11-26T14:30:00.000+08:00',
        '2026-11-19T14:30:00.000+08:00',
        // 01:00 Saturday in China is still Friday in UTC: it counts as Saturday.
        '2026-11-14T01:00:00.000+08:00',
      ]),
    ).toBe(THURSDAY);
    expect(usualWeekday([])).toBeNull();
  });

  it('offers today, tomorrow, this and next week’s usual day; the calendar spans last year to next year', () => {
    expect(dateChoices(THURSDAY, MONDAY).map((c) => c.label)).toEqual([
      '今天 11月30日',
      '明天 12月1日',
      '本周四 12月3日',
      '下周四 12月10日',
      '两周后 12月17日',
    ]);
    expect(yearRange(MONDAY)).toEqual({ start: '2025-01-01', end: '2027-12-31' });
    expect(durationLabel(90)).toBe('1.5 小时');
    expect(durationLabel(135)).toBe('2 小时 15 分');
  });
});

describe('DateTimeChoice', () => {
  function Harness({ onValue }: { onValue: (value: DateTimeValue) => void }) {
    const [value, setValue] = useState<DateTimeValue>(defaultMeeting(THURSDAY, MONDAY));
    return (
      <DateTimeChoice
        value={value}
        usualWeekday={THURSDAY}
        now={MONDAY}
        onChange={(next) => {
          setValue(next);
          onValue(next);
        }}
      />
    );
  }

  it('changes day, start and length with one tap each and says the result in words', () => {
    const onValue = jest.fn();
    const { container } = render(<Harness onValue={onValue} />);
    expect(screen.getByLabelText('2026年12月10日 周四 14:30–16:00（1.5 小时）')).toBeTruthy();
    expect(screen.getByRole('radio', { name: '下周四 12月10日' }).getAttribute('aria-checked')).toBe('true');

    fireEvent.click(screen.getByRole('radio', { name: '本周四 12月3日' }));
    fireEvent.click(screen.getByRole('radio', { name: '09:00' }));
    fireEvent.click(screen.getByRole('radio', { name: '2 小时' }));
    expect(onValue).toHaveBeenLastCalledWith({ date: '2026-12-03', start: '09:00', minutes: 120 });
    expect(screen.getByLabelText('2026年12月3日 周四 09:00–11:00（2 小时）')).toBeTruthy();

    // The full calendar is bounded to sane years, not 1970–2999.
    const calendar = container.querySelector('[data-picker-mode="date"]')!;
    expect(calendar.getAttribute('data-start')).toBe('2025-01-01');
    expect(calendar.getAttribute('data-end')).toBe('2027-12-31');
  });

  it('shows a date or time chosen from the calendar as the chosen chip', () => {
    render(
      <DateTimeChoice
        value={{ date: '2027-03-05', start: '16:45', minutes: 45 }}
        now={MONDAY}
        onChange={() => undefined}
      />,
    );
    expect(screen.getByRole('radio', { name: '2027年3月5日' }).getAttribute('aria-checked')).toBe('true');
    expect(screen.getByRole('radio', { name: '16:45' }).getAttribute('aria-checked')).toBe('true');
    expect(screen.getByRole('radio', { name: '45 分钟' }).getAttribute('aria-checked')).toBe('true');
  });
});

describe('新建活动', () => {
  const past = (startsAt: string): ManagedActivity =>
    ({ id: Number(startsAt.slice(8, 10)), status: 'closed', startsAt }) as unknown as ManagedActivity;

  beforeEach(() => {
    jest.useFakeTimers();
    jest.setSystemTime(MONDAY);
    __mock.setRoute('packages/activities/pages/edit/index', { branchId: '11' });
    api.fetchManagedActivities.mockResolvedValue({
      items: [past('2026-11-26T14:30:00.000+08:00'), past('2026-11-19T14:30:00.000+08:00')],
    });
    api.createActivity.mockResolvedValue({ id: 42 } as ActivityDetail);
  });
  afterEach(() => jest.useRealTimers());

  it('is created in a few taps on the branch’s usual day, for chosen invitees, with a chosen radius', async () => {
    (fetchRoster as jest.Mock).mockResolvedValue(branchRoster);
    render(<ActivityEditPage />);

    expect(await screen.findByLabelText('2026年12月10日 周四 14:30–16:00（1.5 小时）')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('标题'), { target: { value: '12月主题党日' } });
    fireEvent.change(screen.getByLabelText('地点'), { target: { value: '三楼会议室' } });

    fireEvent.click(screen.getByText('以当前位置为准'));
    fireEvent.click(await screen.findByRole('radio', { name: '500 米' }));
    expect(screen.getByText('已设定：需在当前位置 500 米内签到')).toBeTruthy();

    fireEvent.click(screen.getByRole('radio', { name: '选择部分人员' }));
    fireEvent.click(await screen.findByRole('checkbox', { name: '赵敏' }));
    expect(screen.getByText('已选 1 人')).toBeTruthy();

    fireEvent.click(screen.getByText('创建活动'));
    await waitFor(() => expect(api.createActivity).toHaveBeenCalled());
    const [scope, body] = api.createActivity.mock.calls[0]!;
    expect(scope).toEqual({ branchId: 11 });
    expect(body).toMatchObject({
      title: '12月主题党日',
      place: '三楼会议室',
      startsAt: '2026-12-10T14:30:00.000+08:00',
      endsAt: '2026-12-10T16:00:00.000+08:00',
      geofence: { lat: 39.9, lng: 116.4, radiusM: 500 },
      memberIds: [102],
    });
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/activities/pages/roster/index?id=42' });
  });

  it('cannot be created for “some” invitees with nobody chosen', async () => {
    (fetchRoster as jest.Mock).mockResolvedValue(branchRoster);
    render(<ActivityEditPage />);
    await screen.findByLabelText('2026年12月10日 周四 14:30–16:00（1.5 小时）');
    fireEvent.change(screen.getByLabelText('标题'), { target: { value: '支委会' } });
    fireEvent.change(screen.getByLabelText('地点'), { target: { value: '书记办公室' } });
    fireEvent.click(screen.getByRole('radio', { name: '选择部分人员' }));
    await screen.findByRole('checkbox', { name: '赵敏' });
    fireEvent.click(screen.getByText('创建活动'));
    expect(api.createActivity).not.toHaveBeenCalled();
  });
});
