// Charts people can read, and an activity list that names the branch: month labels thinned by
// width, whole-number people axes, and the org's activities filtered and shown a page at a time.
import { fireEvent, render, screen } from '@testing-library/react';
import type { ActivityAttendance } from '@contract';
import { __mock } from './mocks/taro';
import { monthLabelStep, peopleTicks } from '../../src/packages/dashboard/components/charts';
import { ActivityList, PAGE_SIZE } from '../../src/packages/dashboard/pages/index/activity-list';

jest.mock('@antv/f2', () => ({ jsx: jest.fn(), Axis: 'Axis', Chart: 'Chart' }));

describe('chart options', () => {
  it('writes every month label only when all fit; at phone widths every second', () => {
    expect(monthLabelStep(12, 750)).toBe(1);
    expect(monthLabelStep(12, 390)).toBe(2);
    expect(monthLabelStep(12, 320)).toBe(2);
    expect(monthLabelStep(4, 320)).toBe(1);
    // 44px a label: the labels written never need more room than the axis has.
    for (const width of [320, 360, 375, 390]) {
      const step = monthLabelStep(12, width);
      expect(Math.ceil(12 / step) * 44).toBeLessThanOrEqual(width - 48);
    }
  });

  it('counts people in whole numbers, from 0 past the largest value', () => {
    expect(peopleTicks(3)).toEqual([0, 1, 2, 3]);
    expect(peopleTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(peopleTicks(20)).toEqual([0, 5, 10, 15, 20]);
    expect(peopleTicks(0)).toEqual([0, 1]);
    for (const max of [1, 5, 9, 13, 48, 59, 137]) {
      const ticks = peopleTicks(max);
      expect(ticks.every(Number.isInteger)).toBe(true);
      expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(max);
      expect(ticks.length).toBeLessThanOrEqual(6);
    }
  });
});

const activity = (i: number, branch: ActivityAttendance['branch'], type = 'general_meeting'): ActivityAttendance => ({
  id: i,
  title: '2026年第3季度支部党员大会',
  type,
  startsAt: '2026-09-20T14:30:00.000+08:00',
  branch,
  invited: 12,
  present: 10,
  late: 0,
  leave: 1,
  absent: 1,
  rate: 10 / 12,
});

describe('activity list of the organisation', () => {
  const first = { id: 11, name: '机关第一党支部' };
  const retired = { id: 14, name: '退休干部党支部' };
  const list = [
    ...Array.from({ length: 30 }, (_, i) => activity(i + 1, first)),
    ...Array.from({ length: 12 }, (_, i) => activity(i + 100, retired, 'theme_day')),
    activity(200, null, 'party_lecture'),
  ];

  beforeEach(() => __mock.reset());

  it('names the branch on each row and shows a page at a time', () => {
    render(<ActivityList activities={list} />);
    expect(screen.getByText(`共 43 次活动，显示最近 ${PAGE_SIZE} 次`)).toBeTruthy();
    expect(screen.getAllByText('2026年第3季度支部党员大会')).toHaveLength(PAGE_SIZE);
    expect(screen.getAllByText(/^机关第一党支部 · /)).toHaveLength(PAGE_SIZE);
    fireEvent.click(screen.getByText('再显示 20 次（还有 23 次）'));
    expect(screen.getAllByText('2026年第3季度支部党员大会')).toHaveLength(40);
    fireEvent.click(screen.getByText('再显示 3 次（还有 3 次）'));
    expect(screen.getByText('共 43 次活动')).toBeTruthy();
    expect(screen.getByText(/^全单位 · /)).toBeTruthy();
  });

  it('filters by branch and by type', () => {
    render(<ActivityList activities={list} />);
    fireEvent.click(screen.getByText('退休干部党支部'));
    expect(screen.getByText('共 12 次活动')).toBeTruthy();
    expect(screen.getAllByText(/^退休干部党支部 · /)).toHaveLength(12);
    fireEvent.click(screen.getByText('全部支部'));
    fireEvent.click(screen.getByText('党课'));
    expect(screen.getByText('共 1 次活动')).toBeTruthy();
  });

  it('says so when nothing was held', () => {
    render(<ActivityList activities={[]} />);
    expect(screen.getByText('这段时间还没有已结束的活动')).toBeTruthy();
  });
});
