import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { Onboarding } from '@contract';
import { OnboardingChecklist } from '../../src/packages/manage/components/onboarding-checklist';
import { confirmRulesReviewed, fetchOnboarding } from '../../src/services/people';

jest.mock('../../src/services/people');
const mockFetch = fetchOnboarding as jest.MockedFunction<typeof fetchOnboarding>;
const mockConfirm = confirmRulesReviewed as jest.MockedFunction<typeof confirmRulesReviewed>;

const fresh: Onboarding = {
  done: false,
  branches: { done: false, count: 0 },
  roster: { done: false, members: 0, emptyBranches: [] },
  secretaries: { done: false, missing: [] },
  invites: { done: false, bound: 0, withoutCode: 0, pendingBranches: [] },
  rules: { done: false, reviewedAt: null },
};

const labels = () =>
  Array.from(document.querySelectorAll('.onboarding__step')).map((step) => step.getAttribute('aria-label'));

describe('开通向导', () => {
  beforeEach(() => jest.clearAllMocks());

  it('starts at the first step and links it to 组织与成员', async () => {
    mockFetch.mockResolvedValue(fresh);
    render(<OnboardingChecklist orgId={7} />);
    expect(await screen.findByText('0/5')).toBeTruthy();
    expect(labels()).toEqual([
      '第1步 新建支部：未完成',
      '第2步 导入党员名册：未完成',
      '第3步 任命支部书记：未完成',
      '第4步 打印邀请码：未完成',
      '第5步 确认积分规则：未完成',
    ]);
    fireEvent.click(screen.getByText('去新建支部'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/manage/pages/people/index' });
    fireEvent.click(screen.getByText('去导入名册'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/manage/pages/roster-import/index?orgId=7' });
  });

  it('names what is missing and links to the branch that needs it', async () => {
    mockFetch.mockResolvedValue({
      ...fresh,
      branches: { done: true, count: 2 },
      roster: { done: true, members: 5, emptyBranches: [] },
      secretaries: { done: false, missing: [{ id: 12, name: '退休干部党支部' }] },
      invites: { done: false, bound: 1, withoutCode: 4, pendingBranches: [{ id: 11, name: '机关第一党支部' }] },
    });
    render(<OnboardingChecklist orgId={7} />);
    expect(await screen.findByText('2/5')).toBeTruthy();
    expect(screen.getByText('已有 5 名党员')).toBeTruthy();
    expect(screen.getByText('“退休干部党支部”尚未任命书记。在支部名册中点选党员任命。')).toBeTruthy();
    expect(screen.getByText(/4 人既未绑定微信，也没有有效的邀请码（“机关第一党支部”）/)).toBeTruthy();
    fireEvent.click(screen.getByText('去任命书记'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/manage/pages/branch/index?branchId=12' });
    fireEvent.click(screen.getByText('去打印邀请单'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({
      url: `/packages/manage/pages/invite-sheet/index?branchId=11&name=${encodeURIComponent('机关第一党支部')}`,
    });
  });

  it('keeps the rules after a confirmation, then folds away when every step is done', async () => {
    const allButRules: Onboarding = {
      done: false,
      branches: { done: true, count: 1 },
      roster: { done: true, members: 3, emptyBranches: [] },
      secretaries: { done: true, missing: [] },
      invites: { done: true, bound: 0, withoutCode: 0, pendingBranches: [] },
      rules: { done: false, reviewedAt: null },
    };
    const done: Onboarding = {
      ...allButRules,
      done: true,
      rules: { done: true, reviewedAt: '2026-11-30T10:00:00+08:00' },
    };
    mockFetch.mockResolvedValueOnce(allButRules).mockResolvedValue(done);
    mockConfirm.mockResolvedValue(done);
    const { container } = render(<OnboardingChecklist orgId={7} />);
    expect(await screen.findByText('3 人有有效的邀请码，等待绑定；0 人已绑定微信')).toBeTruthy();
    fireEvent.click(await screen.findByText('看过了，沿用当前规则'));
    await waitFor(() => expect(mockConfirm).toHaveBeenCalledWith(7));
    expect(Taro.showModal).toHaveBeenCalled();
    await waitFor(() => expect(container.querySelector('.onboarding')).toBeNull());
  });

  it('shows nothing for an organisation that is set up', async () => {
    mockFetch.mockResolvedValue({ ...fresh, done: true });
    const { container } = render(<OnboardingChecklist orgId={7} />);
    await waitFor(() => expect(mockFetch).toHaveBeenCalled());
    expect(container.querySelector('.onboarding')).toBeNull();
  });
});
