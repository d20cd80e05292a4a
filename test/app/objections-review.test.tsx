// The secretary's side of an objection: the context beside it, plain outcomes, nothing chosen
// until the manager chooses.
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Objection, ObjectionContext } from '@contract';
import { __mock } from './mocks/taro';
import ObjectionsReviewPage from '../../src/packages/points/pages/objections/index';
import { fetchMe } from '../../src/services/me';
import { fetchBranchObjections, fetchObjectionContext, resolveObjection } from '../../src/services/points-review';
import { myPoints, secretary } from './fixtures';

jest.mock('../../src/services/me');
jest.mock('../../src/services/org');
jest.mock('../../src/services/points-review');

const objection: Objection = {
  id: 41,
  member: { id: 102, name: '赵敏' },
  entry: { ...myPoints.recent[0]!, ruleCode: 'award', ruleLabel: '表彰奖励', delta: 1, sourceType: 'manual' },
  reason: '应加 3 分',
  status: 'pending',
  resolutionNote: null,
  resolutionEntry: null,
  resolvedAt: null,
  createdAt: '2026-11-20T09:00:00.000+08:00',
};

const context: ObjectionContext = {
  capUse: { label: '表彰奖励', year: 2026, used: 8, yearCap: 10 },
  earlier: [
    {
      id: 30,
      entryLabel: '参加主题党日',
      entryDelta: 1,
      reason: '我当天到了',
      status: 'rejected',
      resolutionNote: '签到表无记录',
      createdAt: '2026-05-01T09:00:00.000+08:00',
    },
  ],
};

beforeEach(() => {
  __mock.reset();
  (fetchMe as jest.Mock).mockResolvedValue(secretary);
  (fetchBranchObjections as jest.Mock).mockResolvedValue({ items: [objection] });
  (fetchObjectionContext as jest.Mock).mockResolvedValue(context);
  (resolveObjection as jest.Mock).mockResolvedValue({ ...objection, status: 'rejected' });
});

describe('objections (secretary)', () => {
  it('shows the member’s use of the cap and earlier objections beside the objection', async () => {
    render(<ObjectionsReviewPage />);
    expect(await screen.findByText('赵敏 2026年“表彰奖励”已得 8 分（全年上限 10 分）')).toBeTruthy();
    expect(screen.getByText('以前的异议（1 条）：')).toBeTruthy();
    expect(screen.getByText('· 参加主题党日 +1 分：我当天到了（未采纳，签到表无记录）')).toBeTruthy();
  });

  it('chooses nothing by default, explains each outcome in plain words, and settles with a note', async () => {
    render(<ObjectionsReviewPage />);
    fireEvent.click(await screen.findByText('确认处理'));
    expect(await screen.findByText('请先选择处理方式')).toBeTruthy();
    expect(resolveObjection).not.toHaveBeenCalled();

    fireEvent.click(screen.getByText('撤销这条记录'));
    expect(screen.getByText(/抵消原记录（冲正）/)).toBeTruthy();
    fireEvent.click(screen.getByText('维持原记录'));
    expect(screen.getByText('原记录不变，党员会看到您的说明。')).toBeTruthy();
    fireEvent.input(screen.getByPlaceholderText('处理说明（党员可以看到）'), {
      target: { value: '已核实，按规定为 1 分' },
      detail: { value: '已核实，按规定为 1 分' },
    });
    fireEvent.click(screen.getByText('确认处理'));
    await waitFor(() =>
      expect(resolveObjection).toHaveBeenCalledWith(41, { outcome: 'reject', note: '已核实，按规定为 1 分' }),
    );
  });
});
