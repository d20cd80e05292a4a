import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { LedgerPage, Ranking } from '@contract';
import RankingPage from '../../src/packages/points/pages/ranking/index';
import MyPointsPage from '../../src/packages/points/pages/mine/index';
import {
  fetchMyObjections,
  fetchPointsHistory,
  fetchPublications,
  fetchRanking,
  raiseObjection,
  saveRankingPreference,
} from '../../src/services/points-review';
import { fetchMyPoints } from '../../src/services/points';
import { myPoints } from './fixtures';

jest.mock('../../src/services/points-review');
jest.mock('../../src/services/points');
const mockRanking = fetchRanking as jest.MockedFunction<typeof fetchRanking>;
const mockSavePreference = saveRankingPreference as jest.MockedFunction<typeof saveRankingPreference>;

const ranking = (over: Partial<Ranking>): Ranking => ({
  visibility: 'opt_in',
  scope: 'branch',
  period: 'year',
  periodLabel: '2026年',
  scopeName: '机关第一党支部',
  own: { points: 12, rank: 3, total: 12, topPercent: 25 },
  optedIn: false,
  list: [
    { rank: 1, memberId: 7, name: '王秀英', branchName: '机关第一党支部', points: 20, isSelf: false },
    { rank: 1, memberId: 8, name: '陈志明', branchName: '机关第一党支部', points: 20, isSelf: false },
  ],
  ...over,
});

describe('ranking page', () => {
  it('shows the own rank and percentile, the opted-in list with shared ranks, and toggles opting in', async () => {
    mockRanking.mockResolvedValueOnce(ranking({})).mockResolvedValueOnce(
      ranking({
        optedIn: true,
        list: [
          ...ranking({}).list,
          { rank: 3, memberId: 101, name: '李建华', branchName: null, points: 12, isSelf: true },
        ],
      }),
    );
    mockSavePreference.mockResolvedValue({ optIn: true });
    render(<RankingPage />);
    expect(await screen.findByText('第 3 名')).toBeTruthy();
    expect(screen.getByText(/共 12 人，位于前 25%/)).toBeTruthy();
    expect(screen.getAllByText('1')).toHaveLength(2);
    const toggle = screen.getByRole('switch');
    expect(toggle.getAttribute('aria-checked')).toBe('false');
    fireEvent.click(toggle);
    await waitFor(() => expect(mockSavePreference).toHaveBeenCalledWith(true));
    expect(await screen.findByText('李建华（我）')).toBeTruthy();
    expect(screen.getByRole('switch').getAttribute('aria-checked')).toBe('true');
  });

  it('asks again for the month or the whole organisation', async () => {
    mockRanking.mockResolvedValue(ranking({}));
    render(<RankingPage />);
    await screen.findByText('第 3 名');
    fireEvent.click(screen.getByText('全单位'));
    await waitFor(() => expect(mockRanking).toHaveBeenLastCalledWith('org', 'year', { silent: true }));
    fireEvent.click(screen.getByText('本月'));
    await waitFor(() => expect(mockRanking).toHaveBeenLastCalledWith('org', 'month', { silent: true }));
  });

  it('self shows no list and no toggle; off shows no rank at all', async () => {
    mockRanking.mockResolvedValueOnce(ranking({ visibility: 'self', list: [] }));
    const { unmount } = render(<RankingPage />);
    expect(await screen.findByText('第 3 名')).toBeTruthy();
    expect(screen.getByText('本单位只显示个人名次，不公布榜单。')).toBeTruthy();
    expect(screen.queryByRole('switch')).toBeNull();
    unmount();
    mockRanking.mockResolvedValueOnce(ranking({ visibility: 'off', own: null, list: [] }));
    render(<RankingPage />);
    expect(await screen.findByText('本单位未开启积分排名')).toBeTruthy();
    expect(screen.queryByText(/第 \d+ 名/)).toBeNull();
  });
});

describe('my points page', () => {
  const page: LedgerPage = { items: myPoints.recent, total: myPoints.recent.length };

  it('lists every entry with its source, and sends an objection with a reason', async () => {
    (fetchMyPoints as jest.Mock).mockResolvedValue(myPoints);
    (fetchPointsHistory as jest.Mock).mockResolvedValue(page);
    (fetchMyObjections as jest.Mock).mockResolvedValue({ items: [] });
    (fetchPublications as jest.Mock).mockResolvedValue({ items: [] });
    (raiseObjection as jest.Mock).mockResolvedValue({});
    render(<MyPointsPage />);
    expect(await screen.findByText('78')).toBeTruthy();
    expect(await screen.findByText('线上答题 · 党章知识测试')).toBeTruthy();
    expect(screen.getByText('社区服务')).toBeTruthy();
    fireEvent.click(screen.getByText('考试合格'));
    fireEvent.click(screen.getByText('对这条记录提出异议'));
    fireEvent.change(screen.getByPlaceholderText('请说明哪里不对'), { target: { value: '我考了满分，应有满分加分' } });
    fireEvent.click(screen.getByText('提交异议'));
    await waitFor(() => expect(raiseObjection).toHaveBeenCalledWith(2, '我考了满分，应有满分加分'));
  });

  it('filters the history by source', async () => {
    (fetchMyPoints as jest.Mock).mockResolvedValue(myPoints);
    (fetchPointsHistory as jest.Mock).mockResolvedValue(page);
    (fetchMyObjections as jest.Mock).mockResolvedValue({ items: [] });
    (fetchPublications as jest.Mock).mockResolvedValue({ items: [] });
    render(<MyPointsPage />);
    await screen.findByText('线上答题 · 党章知识测试');
    fireEvent.click(screen.getAllByText('志愿服务')[0]!);
    await waitFor(() =>
      expect(fetchPointsHistory).toHaveBeenLastCalledWith({ sourceType: 'volunteer_record' }, { silent: true }),
    );
  });
});
