// No one decides their own case (the API answers 403 SELF_REVIEW): the screens do not offer those
// actions on the signed-in manager's own items, and say who decides instead.
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ActivityRoster, PointsRules } from '@contract';
import { __mock } from './mocks/taro';
import { ChoiceChips } from '../../src/components/choice-chips';
import ActivityRosterPage from '../../src/packages/activities/pages/roster/index';
import PointsAwardPage from '../../src/packages/points/pages/award/index';
import * as activities from '../../src/services/activities';
import { fetchMe } from '../../src/services/me';
import { fetchRoster } from '../../src/services/org';
import { fetchPointsRules } from '../../src/services/points';
import { addManualEntry } from '../../src/services/points-review';
import { selfCaseNote } from '../../src/utils/self-case';
import { orgAdmin, roster, secretary } from './fixtures';

jest.mock('../../src/services/activities');
jest.mock('../../src/services/me');
jest.mock('../../src/services/org');
jest.mock('../../src/services/points');
jest.mock('../../src/services/points-review');
const api = activities as jest.Mocked<typeof activities>;

describe('self-case note', () => {
  it('sends a secretary to the org admin or another manager of the branch', () => {
    expect(selfCaseNote('points', secretary)).toBe('您本人的加分、扣分由组织管理员或本支部其他管理人员办理。');
    expect(selfCaseNote('attendance', secretary)).toBe('本人的出勤由组织管理员或本支部其他管理人员登记。');
    expect(selfCaseNote('leave', secretary)).toBe('本人的请假由组织管理员或本支部其他管理人员审批。');
  });

  it('sends an org admin to another org admin, as the API does', () => {
    expect(selfCaseNote('volunteer', orgAdmin)).toBe('本人的志愿服务记录由本单位其他组织管理员审核。');
    expect(selfCaseNote('objection', { roles: ['member', 'secretary', 'org_admin'] })).toBe(
      '本人的积分异议由本单位其他组织管理员处理。',
    );
  });
});

describe('choice chips', () => {
  it('shows a disabled option but never chooses it', () => {
    const onChange = jest.fn();
    render(
      <ChoiceChips
        options={[
          { value: 1, label: '王秀英（本人）', disabled: true },
          { value: 2, label: '赵敏' },
        ]}
        value={null}
        onChange={onChange}
      />,
    );
    const self = screen.getByText('王秀英（本人）');
    expect(self.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(self);
    expect(onChange).not.toHaveBeenCalled();
    fireEvent.click(screen.getByText('赵敏'));
    expect(onChange).toHaveBeenCalledWith(2);
  });
});

describe('award page (secretary)', () => {
  it('shows the secretary as not selectable, says who awards them, and awards others', async () => {
    (fetchMe as jest.Mock).mockResolvedValue(secretary);
    (fetchRoster as jest.Mock).mockResolvedValue(roster);
    (fetchPointsRules as jest.Mock).mockResolvedValue({ rules: [] } as unknown as PointsRules);
    (addManualEntry as jest.Mock).mockResolvedValue({});
    render(<PointsAwardPage />);

    const self = await screen.findByText('王秀英（本人）');
    expect(screen.getByText('您本人的加分、扣分由组织管理员或本支部其他管理人员办理。')).toBeTruthy();
    fireEvent.click(self);
    expect(self.getAttribute('aria-checked')).toBe('false');

    fireEvent.click(screen.getByText('赵敏'));
    fireEvent.change(screen.getByPlaceholderText('如：获评本季度先锋岗'), { target: { value: '获评先锋岗' } });
    fireEvent.click(screen.getByText('确认加分'));
    await waitFor(() => expect(addManualEntry).toHaveBeenCalledWith(102, 1, '获评先锋岗'));
  });
});

describe('roster (secretary on their own row)', () => {
  const row = (id: number, name: string) => ({
    member: { id, name },
    status: 'pending' as const,
    method: null,
    checkedInAt: null,
    note: null,
    leave: null,
  });
  const activityRoster = {
    activity: {
      id: 7,
      type: 'theme_day',
      title: '11月主题党日：学习党章',
      place: '三楼会议室',
      startsAt: '2026-11-22T09:55:00.000+08:00',
      endsAt: '2026-11-22T11:30:00.000+08:00',
      checkinOpensAt: '2026-11-22T09:25:00.000+08:00',
      checkinClosesAt: '2026-11-22T11:30:00.000+08:00',
      status: 'scheduled',
      counts: { invited: 2, present: 0, late: 0, leave: 0, absent: 0, pending: 2 },
      record: null,
    },
    rows: [
      {
        ...row(secretary.id, secretary.name),
        leave: {
          id: 9,
          activityId: 7,
          member: { id: secretary.id, name: secretary.name },
          reason: '参加上级会议',
          status: 'pending',
          decisionNote: null,
          createdAt: '2026-11-21T10:00:00.000+08:00',
          decidedAt: null,
        },
      },
      row(102, '赵敏'),
    ],
  } as unknown as ActivityRoster;

  it('offers no marks or leave decision on the own row and says who decides', async () => {
    __mock.setRoute('packages/activities/pages/roster/index', { id: '7' });
    (fetchMe as jest.Mock).mockResolvedValue(secretary);
    api.fetchActivityRoster.mockResolvedValue(activityRoster);
    const { container } = render(<ActivityRosterPage />);

    expect(await screen.findByText('本人的出勤由组织管理员或本支部其他管理人员登记。')).toBeTruthy();
    expect(screen.getByText('本人的请假由组织管理员或本支部其他管理人员审批。')).toBeTruthy();
    expect(screen.queryByText('批准')).toBeNull();
    const own = container.querySelector(`[data-member="${secretary.name}"]`) as HTMLElement;
    expect(own.querySelectorAll('[role="button"]')).toHaveLength(0);
    const other = container.querySelector('[data-member="赵敏"]') as HTMLElement;
    expect(Array.from(other.querySelectorAll('[role="button"]')).map((b) => b.textContent)).toEqual([
      '出席',
      '迟到',
      '请假',
      '缺席',
    ]);
  });
});
