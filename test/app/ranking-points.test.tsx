import { fireEvent, getDefaultNormalizer, render, screen, waitFor } from '@testing-library/react';
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
  withdrawObjection,
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
    expect(await screen.findByText('前 30%')).toBeTruthy();
    expect(screen.getByText('今年获得 12 分，第 3 名，共 12 人')).toBeTruthy();
    expect(screen.queryByText(/位于前 25%/)).toBeNull();
    expect(screen.getByText('打开后，您的积分位于前一半时会显示在榜单上。')).toBeTruthy();
    expect(screen.getAllByText('1')).toHaveLength(2);
    const toggle = screen.getByRole('switch');
    expect(toggle.getAttribute('aria-checked')).toBe('false');
    fireEvent.click(toggle);
    await waitFor(() => expect(mockSavePreference).toHaveBeenCalledWith(true));
    expect(await screen.findByText('李建华（我）')).toBeTruthy();
    expect(screen.getByRole('switch').getAttribute('aria-checked')).toBe('true');
    expect(screen.getByText('您已在榜单上（下方标着“我”）。')).toBeTruthy();
  });

  it('after opting in, says where the member stands and why they are not listed', async () => {
    mockRanking.mockResolvedValueOnce(
      ranking({ optedIn: true, own: { points: 4, rank: 9, total: 12, topPercent: 75 } }),
    );
    const lower = render(<RankingPage />);
    expect(await screen.findByText('处于中等偏后')).toBeTruthy();
    expect(screen.getByText('今年获得 4 分，共 12 人')).toBeTruthy();
    expect(screen.queryByText(/第 9 名/)).toBeNull();
    expect(screen.getByText(/榜单只列出前一半，您目前处于中等偏后，所以暂未显示/)).toBeTruthy();
    lower.unmount();

    mockRanking.mockResolvedValueOnce(
      ranking({ optedIn: true, own: { points: 9, rank: 6, total: 12, topPercent: 50 } }),
    );
    const middle = render(<RankingPage />);
    expect(await screen.findByText('处于中等')).toBeTruthy();
    expect(screen.getByText('今年获得 9 分，第 6 名，共 12 人')).toBeTruthy();
    middle.unmount();

    mockRanking.mockResolvedValueOnce(
      ranking({ optedIn: true, own: { points: 0, rank: 1, total: 12, topPercent: 100 } }),
    );
    render(<RankingPage />);
    expect(await screen.findByText('您已参加榜单。本期还没有积分，有积分后才会显示。')).toBeTruthy();
  });

  it('asks again for the month or the whole organisation', async () => {
    mockRanking.mockResolvedValue(ranking({}));
    render(<RankingPage />);
    await screen.findByText('前 30%');
    fireEvent.click(screen.getByText('全单位'));
    await waitFor(() => expect(mockRanking).toHaveBeenLastCalledWith('org', 'year', { silent: true }));
    fireEvent.click(screen.getByText('本月'));
    await waitFor(() => expect(mockRanking).toHaveBeenLastCalledWith('org', 'month', { silent: true }));
  });

  it('self shows no list and no toggle; off shows no rank at all', async () => {
    mockRanking.mockResolvedValueOnce(ranking({ visibility: 'self', list: [] }));
    const { unmount } = render(<RankingPage />);
    expect(await screen.findByText('前 30%')).toBeTruthy();
    expect(screen.getByText('本单位只显示个人名次，不公布榜单。')).toBeTruthy();
    expect(screen.queryByRole('switch')).toBeNull();
    unmount();
    mockRanking.mockResolvedValueOnce(ranking({ visibility: 'off', own: null, list: [] }));
    render(<RankingPage />);
    expect(await screen.findByText('本单位未开启积分排名')).toBeTruthy();
    expect(screen.queryByText(/第 \d+ 名/)).toBeNull();
    expect(screen.queryByText(/前 \d+%/)).toBeNull();
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
    fireEvent.change(screen.getByPlaceholderText('请说明哪里不对，比如日期、时长或分值'), {
      target: { value: '我考了满分，应有满分加分' },
    });
    fireEvent.click(screen.getByText('提交异议'));
    await waitFor(() => expect(raiseObjection).toHaveBeenCalledWith(2, '我考了满分，应有满分加分'));
  });

  it('names a disputed entry in words, keeps a reason of several lines, and withdraws a pending objection', async () => {
    const volunteerEntry = {
      ...myPoints.recent[0]!,
      id: 41,
      delta: 0,
      ruleCode: 'volunteer_hour',
      ruleLabel: '志愿服务',
      sourceType: 'volunteer_record' as const,
      sourceTitle: '11月28日 社区服务 2 小时',
      cappedFrom: 2,
      capNote: '志愿服务年度上限 8 分已用满',
      recordedAt: '2026-11-29T10:20:00.000+08:00',
    };
    const objection = {
      id: 5,
      member: { id: 101, name: '李建华' },
      entry: volunteerEntry,
      reason: '服务了 2 小时\n应当计分',
      status: 'pending' as const,
      resolutionNote: null,
      resolutionEntry: null,
      resolvedAt: null,
      createdAt: '2026-11-30T08:00:00.000+08:00',
    };
    (fetchMyPoints as jest.Mock).mockResolvedValue(myPoints);
    (fetchPointsHistory as jest.Mock).mockResolvedValue(page);
    (fetchMyObjections as jest.Mock).mockResolvedValueOnce({ items: [objection] }).mockResolvedValue({
      items: [{ ...objection, status: 'withdrawn', resolvedAt: '2026-11-30T09:00:00.000+08:00' }],
    });
    (fetchPublications as jest.Mock).mockResolvedValue({ items: [] });
    (withdrawObjection as jest.Mock).mockResolvedValue({});
    render(<MyPointsPage />);
    expect(await screen.findByText('志愿服务：11月28日 社区服务 2 小时')).toBeTruthy();
    expect(screen.queryByText('志愿服务 0')).toBeNull();
    expect(screen.getByText('原记录 0 分 · 11月29日 10:20')).toBeTruthy();
    // The line break the member typed is kept.
    expect(
      screen.getByText('我的理由：服务了 2 小时\n应当计分', {
        normalizer: getDefaultNormalizer({ collapseWhitespace: false }),
      }),
    ).toBeTruthy();
    fireEvent.click(screen.getByText('撤回异议'));
    await waitFor(() => expect(withdrawObjection).toHaveBeenCalledWith(5));
    expect(await screen.findByText('已撤回')).toBeTruthy();
    expect(screen.queryByText('撤回异议')).toBeNull();
  });

  it('the objection box takes several lines', async () => {
    (fetchMyPoints as jest.Mock).mockResolvedValue(myPoints);
    (fetchPointsHistory as jest.Mock).mockResolvedValue(page);
    (fetchMyObjections as jest.Mock).mockResolvedValue({ items: [] });
    (fetchPublications as jest.Mock).mockResolvedValue({ items: [] });
    render(<MyPointsPage />);
    fireEvent.click(await screen.findByText('考试合格'));
    fireEvent.click(screen.getByText('对这条记录提出异议'));
    expect(screen.getByPlaceholderText('请说明哪里不对，比如日期、时长或分值').tagName).toBe('TEXTAREA');
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
