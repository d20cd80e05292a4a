import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import ManagePage from '../../src/packages/manage/pages/index/index';
import RosterPage from '../../src/packages/manage/pages/roster/index';
import { fetchMe } from '../../src/services/me';
import { fetchBranches, fetchRoster, issueInvite } from '../../src/services/org';
import { __mock } from './mocks/taro';
import { branches, invite, member, orgAdmin, roster, secretary } from './fixtures';

jest.mock('../../src/services/me');
jest.mock('../../src/services/org');
const mockFetchMe = fetchMe as jest.MockedFunction<typeof fetchMe>;
const mockFetchRoster = fetchRoster as jest.MockedFunction<typeof fetchRoster>;
const mockFetchBranches = fetchBranches as jest.MockedFunction<typeof fetchBranches>;
const mockIssueInvite = issueInvite as jest.MockedFunction<typeof issueInvite>;

function rowOf(name: string): HTMLElement {
  return screen.getByText(name).closest('.xf-roster__member') as HTMLElement;
}

describe('manage page for a secretary', () => {
  beforeEach(() => {
    mockFetchMe.mockResolvedValue(secretary);
    mockFetchRoster.mockResolvedValue(roster);
  });

  it("shows the own branch's roster with status, employment and WeChat binding", async () => {
    render(<ManagePage />);

    expect(await screen.findByText('赵敏')).toBeTruthy();
    expect(mockFetchRoster).toHaveBeenCalledWith(11, expect.anything());
    expect(screen.getByText('共 2 名党员，微信已绑定 1 人')).toBeTruthy();

    const bound = within(rowOf('王秀英'));
    expect(bound.getByText('正式')).toBeTruthy();
    expect(bound.getByText('在职')).toBeTruthy();
    expect(bound.getByText('微信已绑定')).toBeTruthy();
    expect(bound.queryByText('发邀请码')).toBeNull();

    const unbound = within(rowOf('赵敏'));
    expect(unbound.getByText('预备')).toBeTruthy();
    expect(unbound.getByText('退休')).toBeTruthy();
    expect(unbound.getByText('微信未绑定')).toBeTruthy();
  });

  it('issues an invite code and shows it large with its expiry', async () => {
    mockIssueInvite.mockResolvedValue(invite);
    render(<ManagePage />);

    await screen.findByText('赵敏');
    fireEvent.click(within(rowOf('赵敏')).getByText('发邀请码'));

    expect(await screen.findByText('K7PX2M9Q')).toBeTruthy();
    expect(mockIssueInvite).toHaveBeenCalledWith(11, 102);
    expect(screen.getByText('有效期至 11月29日 18:00，只能使用一次')).toBeTruthy();

    fireEvent.click(screen.getByText('复制邀请码'));
    expect(Taro.setClipboardData).toHaveBeenCalledWith({ data: 'K7PX2M9Q' });

    fireEvent.click(screen.getByText('关闭'));
    await waitFor(() => expect(screen.queryByText('K7PX2M9Q')).toBeNull());
  });
});

describe('manage page for the org admin', () => {
  it('lists the branches with member counts and opens a roster', async () => {
    mockFetchMe.mockResolvedValue(orgAdmin);
    mockFetchBranches.mockResolvedValue(branches);
    render(<ManagePage />);

    expect(await screen.findByText('退休干部党支部')).toBeTruthy();
    expect(mockFetchBranches).toHaveBeenCalledWith(1, expect.anything());
    expect(screen.getByText('12 人 ›')).toBeTruthy();
    expect(screen.getByText('20 人 ›')).toBeTruthy();
    expect(screen.getByText('共 2 个支部，32 名党员')).toBeTruthy();
    expect(mockFetchRoster).not.toHaveBeenCalled();

    fireEvent.click(screen.getByText('退休干部党支部'));

    expect(Taro.navigateTo).toHaveBeenCalledWith({
      url: `/packages/manage/pages/roster/index?branchId=14&name=${encodeURIComponent('退休干部党支部')}`,
    });
  });

  it('opens the roster of the branch in the route', async () => {
    __mock.setRoute('packages/manage/pages/roster/index', { branchId: '11', name: '机关第一党支部' });
    mockFetchRoster.mockResolvedValue(roster);
    render(<RosterPage />);

    expect(await screen.findByText('赵敏')).toBeTruthy();
    expect(mockFetchRoster).toHaveBeenCalledWith(11, expect.anything());
  });
});

describe('manage page for a member', () => {
  it('explains that management is for secretaries and admins', async () => {
    mockFetchMe.mockResolvedValue(member);
    render(<ManagePage />);

    expect(await screen.findByText('没有管理权限')).toBeTruthy();
    expect(mockFetchRoster).not.toHaveBeenCalled();
    expect(mockFetchBranches).not.toHaveBeenCalled();
  });
});
