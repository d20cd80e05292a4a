// Awarding points reads back the member, the amount and the reason before anything is booked;
// the stepper says what its buttons do and what the amount is now.
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { PointsRules } from '@contract';
import { __mock } from './mocks/taro';
import PointsAwardPage from '../../src/packages/points/pages/award/index';
import { fetchMe } from '../../src/services/me';
import { fetchRoster } from '../../src/services/org';
import { fetchPointsRules } from '../../src/services/points';
import { addManualEntry } from '../../src/services/points-review';
import { roster, secretary } from './fixtures';

jest.mock('../../src/services/me');
jest.mock('../../src/services/org');
jest.mock('../../src/services/points');
jest.mock('../../src/services/points-review');

beforeEach(() => {
  __mock.reset();
  (fetchMe as jest.Mock).mockResolvedValue(secretary);
  (fetchRoster as jest.Mock).mockResolvedValue(roster);
  (fetchPointsRules as jest.Mock).mockResolvedValue({
    rules: [
      { code: 'award', label: '表彰奖励', points: 1, min: 1, max: 5, capGroup: 'award' },
      { code: 'deduction', label: '扣分', points: -1, min: -10, max: -1, capGroup: 'deduction' },
    ],
  } as unknown as PointsRules);
  (addManualEntry as jest.Mock).mockResolvedValue({});
});

describe('award page', () => {
  it('labels the stepper 减 1 分 / 当前 N 分 / 加 1 分, and skips zero', async () => {
    render(<PointsAwardPage />);
    expect(await screen.findByText('当前 +1 分')).toBeTruthy();
    fireEvent.click(screen.getByText('加 1 分'));
    expect(screen.getByText('当前 +2 分')).toBeTruthy();
    fireEvent.click(screen.getByText('减 1 分'));
    fireEvent.click(screen.getByText('减 1 分'));
    expect(screen.getByText('当前 -1 分')).toBeTruthy();
    expect(screen.getByText('确认扣分')).toBeTruthy();
  });

  it('reads back the member, the amount and the reason; declining books nothing', async () => {
    render(<PointsAwardPage />);
    fireEvent.click(await screen.findByText('赵敏'));
    fireEvent.click(screen.getByText('加 1 分'));
    fireEvent.change(screen.getByPlaceholderText('如：获评本季度先锋岗'), { target: { value: '获评先锋岗' } });

    (Taro.showModal as jest.Mock).mockResolvedValueOnce({ confirm: false, cancel: true });
    fireEvent.click(screen.getByText('确认加分'));
    await waitFor(() => expect(Taro.showModal).toHaveBeenCalledTimes(1));
    const modal = (Taro.showModal as jest.Mock).mock.calls[0][0];
    expect(modal.title).toBe('确认加分');
    expect(modal.content).toContain('给 赵敏 加 2 分');
    expect(modal.content).toContain('理由：获评先锋岗');
    expect(modal.cancelText).toBe('返回修改');
    expect(addManualEntry).not.toHaveBeenCalled();

    fireEvent.click(screen.getByText('确认加分'));
    await waitFor(() => expect(addManualEntry).toHaveBeenCalledWith(102, 2, '获评先锋岗'));
  });

  it('asks for a member and a reason before asking to confirm', async () => {
    render(<PointsAwardPage />);
    fireEvent.click(await screen.findByText('确认加分'));
    expect(await screen.findByText('请先选择党员')).toBeTruthy();
    expect(Taro.showModal).not.toHaveBeenCalled();
  });
});
