import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { PointsRules, RulesAdmin, RulesPreview } from '@contract';
import PointsRulesEditPage from '../../src/packages/points/pages/rules-edit/index';
import { fetchMe } from '../../src/services/me';
import { fetchRulesAdmin, previewRules, publishRules } from '../../src/services/points-rules';
import { ApiError } from '../../src/services/api-error';
import { defaultRules } from '../../server/src/points/rules';
import { orgAdmin } from './fixtures';

jest.mock('../../src/services/me');
jest.mock('../../src/services/points-rules');
const mockPreview = previewRules as jest.MockedFunction<typeof previewRules>;
const mockPublish = publishRules as jest.MockedFunction<typeof publishRules>;
const mockModal = Taro.showModal as jest.Mock;

const current: PointsRules = { ...defaultRules, version: 1, effectiveFrom: '2026-11-02' };
const admin: RulesAdmin = {
  current,
  scheduled: null,
  versions: [
    {
      version: 1,
      effectiveFrom: '2026-11-02',
      publishedAt: '2026-11-02T09:00:00.000+08:00',
      publishedBy: null,
      status: 'in_effect',
    },
  ],
  limits: {
    baseScore: { min: 0, max: 100 },
    points: { min: 0, max: 10 },
    cap: { min: 0, max: 100 },
    awardMax: { min: 1, max: 10 },
    deductionMin: { min: -20, max: -1 },
    absence: { min: -2, max: 0 },
    threshold: { min: 0, max: 150 },
  },
  today: '2026-11-30',
};
const level = (stars: number, label: string) => ({ stars, label, nextAt: null });
const preview: RulesPreview = {
  year: 2026,
  members: 12,
  levelChanged: 1,
  items: [
    {
      memberId: 7,
      name: '李四',
      branchName: '第一党支部',
      oldTotal: 65,
      newTotal: 70,
      oldLevel: level(1, '★'),
      newLevel: level(2, '★★'),
    },
  ],
  changes: ['基础分：60 → 65'],
};

describe('points rules editor', () => {
  beforeEach(() => {
    (fetchMe as jest.Mock).mockResolvedValue(orgAdmin);
    (fetchRulesAdmin as jest.Mock).mockResolvedValue(admin);
    mockPreview.mockReset();
    mockPublish.mockReset();
    mockModal.mockReset();
  });

  it('shows every problem the server lists, beside its field and in a summary', async () => {
    mockPreview.mockRejectedValue(
      new ApiError(400, 'RULES_INVALID', '积分规则有 2 处需要修改', [
        { field: 'starThresholds.2', message: '二星门槛分（59）须高于一星门槛分（60）' },
        { field: 'caps.theme_day.year', message: '参加主题党日每年封顶（0 分）不能低于单次得分（1 分）' },
      ]),
    );
    render(<PointsRulesEditPage />);
    fireEvent.click(await screen.findByText('预览影响'));
    expect(await screen.findByText('有 2 处需要修改：')).toBeTruthy();
    // once in the summary, once beside the field
    expect(screen.getAllByText(/二星门槛分（59）须高于一星门槛分（60）/)).toHaveLength(2);
    expect(screen.getAllByText(/参加主题党日每年封顶（0 分）/)).toHaveLength(2);
    expect(mockPublish).not.toHaveBeenCalled();
  });

  it('sends the edited base score, lists the preview, and publishes after a plain-words confirmation', async () => {
    mockPreview.mockResolvedValue(preview);
    mockPublish.mockResolvedValue(admin);
    mockModal.mockResolvedValue({ confirm: true, cancel: false });
    render(<PointsRulesEditPage />);
    const up = await screen.findByLabelText('每年初始分加一');
    for (let i = 0; i < 5; i += 1) fireEvent.click(up);
    fireEvent.click(screen.getByText('预览影响'));
    expect(await screen.findByText('李四（第一党支部）')).toBeTruthy();
    expect(screen.getByText(/★ → ★★，65 → 70 分/)).toBeTruthy();
    expect(mockPreview.mock.calls[0]![1].rules.baseScore).toBe(65);

    fireEvent.click(screen.getByText('发布'));
    await waitFor(() => expect(mockPublish).toHaveBeenCalled());
    const words = mockModal.mock.calls[0][0].content as string;
    expect(words).toMatch(/从今天起，新记的积分按第 2 版规则计算；已经记下的积分不变/);
    expect(words).toMatch(/今年每位党员的总分随之改变/);
    expect(words).toMatch(/1 名党员的星级会变化/);
    expect(mockPublish.mock.calls[0]![1]).toMatchObject({ effectiveFrom: '2026-11-30', rules: { baseScore: 65 } });
  });

  it('publishes nothing before a preview, and an edit after it asks for a new one', async () => {
    mockPreview.mockResolvedValue(preview);
    render(<PointsRulesEditPage />);
    fireEvent.click(await screen.findByText('发布'));
    expect(mockModal).not.toHaveBeenCalled();
    fireEvent.click(screen.getByText('预览影响'));
    await screen.findByText('李四（第一党支部）');
    fireEvent.click(screen.getByLabelText('每年初始分减一'));
    expect(screen.queryByText('李四（第一党支部）')).toBeNull();
    fireEvent.click(screen.getByText('发布'));
    expect(mockModal).not.toHaveBeenCalled();
  });
});
