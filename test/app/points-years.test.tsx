import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { PointsYear } from '@contract';
import PointsYearsPage from '../../src/packages/points/pages/years/index';
import { fetchMe } from '../../src/services/me';
import { closePointsYear, fetchOrgSettings, fetchPointsYears } from '../../src/services/points-review';
import { orgAdmin } from './fixtures';

jest.mock('../../src/services/me');
jest.mock('../../src/services/points-review');
const mockFetchMe = fetchMe as jest.MockedFunction<typeof fetchMe>;
const mockYears = fetchPointsYears as jest.MockedFunction<typeof fetchPointsYears>;
const mockClose = closePointsYear as jest.MockedFunction<typeof closePointsYear>;
const mockModal = Taro.showModal as jest.Mock;

const year = (over: Partial<PointsYear>): PointsYear => ({
  year: 2026,
  status: 'open',
  ended: false,
  closedAt: null,
  publishedAt: null,
  members: 59,
  distribution: [{ stars: 1, label: '★', count: 59 }],
  hasEntries: true,
  ...over,
});

describe('year close page', () => {
  beforeEach(() => {
    mockFetchMe.mockResolvedValue(orgAdmin);
    (fetchOrgSettings as jest.Mock).mockResolvedValue({ rankingVisibility: 'opt_in' });
    mockYears.mockResolvedValue({ years: [year({})] });
    mockClose.mockResolvedValue({ years: [year({ status: 'closed' })] });
    mockModal.mockReset();
  });

  it('warns in plain words before closing a year that has not ended, and asks a second time', async () => {
    mockModal
      .mockResolvedValueOnce({ confirm: true, cancel: false })
      .mockResolvedValueOnce({ confirm: true, cancel: false });
    render(<PointsYearsPage />);
    fireEvent.click(await screen.findByText('提前结算（年度未结束）'));
    await waitFor(() => expect(mockClose).toHaveBeenCalledWith(orgAdmin.org.id, 2026, true));
    expect(mockModal).toHaveBeenCalledTimes(2);
    expect(mockModal.mock.calls[0][0].content).toMatch(/还剩 40 天.*不再计分.*不能撤销/);
    expect(mockModal.mock.calls[1][0].content).toContain('距年底还有 40 天');
    expect(mockModal.mock.calls[1][0].title).toBe('请再次确认');
  });

  it('closes nothing when the second confirmation is declined', async () => {
    mockModal
      .mockResolvedValueOnce({ confirm: true, cancel: false })
      .mockResolvedValueOnce({ confirm: false, cancel: true });
    render(<PointsYearsPage />);
    fireEvent.click(await screen.findByText('提前结算（年度未结束）'));
    await waitFor(() => expect(mockModal).toHaveBeenCalledTimes(2));
    expect(mockClose).not.toHaveBeenCalled();
  });

  it('closes a year that has ended after one confirmation, without the override', async () => {
    mockYears.mockResolvedValue({ years: [year({ year: 2025, ended: true })] });
    mockModal.mockResolvedValueOnce({ confirm: true, cancel: false });
    render(<PointsYearsPage />);
    fireEvent.click(await screen.findByText('结算该年度'));
    await waitFor(() => expect(mockClose).toHaveBeenCalledWith(orgAdmin.org.id, 2025, false));
    expect(mockModal).toHaveBeenCalledTimes(1);
  });

  it('shows the days left on the current year before anyone presses 提前结算', async () => {
    render(<PointsYearsPage />);
    expect(await screen.findByText('距年底还有 40 天；年度结束后再结算，全年的参与都能计分。')).toBeTruthy();
  });

  it('never offers 结算 on a past year already closed, nor any button on a past year without entries', async () => {
    mockYears.mockResolvedValue({
      years: [
        year({}),
        year({
          year: 2025,
          ended: true,
          status: 'published',
          closedAt: '2026-01-05T10:00:00.000+08:00',
          publishedAt: '2026-01-06T10:00:00.000+08:00',
        }),
        year({ year: 2024, ended: true, hasEntries: false }),
      ],
    });
    render(<PointsYearsPage />);
    expect(await screen.findByText('该年度没有积分记录，无需结算。')).toBeTruthy();
    expect(screen.queryByText('结算该年度')).toBeNull();
    expect(screen.queryByText('公示结果')).toBeNull();
    expect(screen.getAllByText('提前结算（年度未结束）')).toHaveLength(1);
  });
});
