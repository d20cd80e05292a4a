import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { Me } from '@contract';
import MinePage from '../../src/pages/mine/index';
import { signOut } from '../../src/services/auth';
import { fetchMe } from '../../src/services/me';
import { fetchMyPoints } from '../../src/services/points';
import { member, myPoints, orgAdmin, secretary } from './fixtures';

jest.mock('../../src/services/me');
jest.mock('../../src/services/points');
jest.mock('../../src/services/auth');
const mockFetchMe = fetchMe as jest.MockedFunction<typeof fetchMe>;
const mockFetchMyPoints = fetchMyPoints as jest.MockedFunction<typeof fetchMyPoints>;
const mockSignOut = signOut as jest.MockedFunction<typeof signOut>;

function renderAs(me: Me) {
  mockFetchMe.mockResolvedValue(me);
  mockFetchMyPoints.mockResolvedValue(myPoints);
  return render(<MinePage />);
}

describe('mine page', () => {
  it('shows the profile in words, with the phone masked', async () => {
    renderAs({ ...member, phone: '13812345678' });

    expect(await screen.findByText('李建华')).toBeTruthy();
    expect(screen.getByText('正式党员')).toBeTruthy();
    expect(screen.getByText('在职')).toBeTruthy();
    expect(screen.getByText('2008年7月1日')).toBeTruthy();
    expect(screen.getByText('138****5678')).toBeTruthy();
    expect(screen.queryByText('13812345678')).toBeNull();
  });

  it('shows the points summary and recent entries with their dates', async () => {
    renderAs(member);

    expect(await screen.findByText('78')).toBeTruthy();
    expect(screen.getByText('参加主题党日')).toBeTruthy();
    expect(screen.getByText('3月5日 09:30')).toBeTruthy();
    expect(screen.getByText('考试合格')).toBeTruthy();
  });

  it('hides 管理 from a member', async () => {
    renderAs(member);

    expect(await screen.findByText('积分规则')).toBeTruthy();
    expect(screen.queryByText('管理')).toBeNull();
  });

  it.each([
    ['secretary', secretary],
    ['org_admin', orgAdmin],
  ])('shows 管理 to a %s', async (_role, me) => {
    renderAs(me);

    fireEvent.click(await screen.findByText('管理'));

    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/manage/pages/index/index' });
  });

  it('does not ask for points of an account outside any branch', async () => {
    renderAs(orgAdmin);

    expect(await screen.findByText('张国强')).toBeTruthy();
    expect(screen.queryByText('我的积分')).toBeNull();
    expect(mockFetchMyPoints).not.toHaveBeenCalled();
  });

  it('signs out after confirming and goes to the login page', async () => {
    mockSignOut.mockResolvedValue();
    renderAs(member);

    fireEvent.click(await screen.findByText('退出登录'));

    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index?signedOut=1' }));
    expect(mockSignOut).toHaveBeenCalled();
  });

  it('stays signed in when the confirmation is cancelled', async () => {
    (Taro.showModal as jest.Mock).mockResolvedValueOnce({ confirm: false, cancel: true });
    renderAs(member);

    fireEvent.click(await screen.findByText('退出登录'));

    await waitFor(() => expect(Taro.showModal).toHaveBeenCalled());
    expect(mockSignOut).not.toHaveBeenCalled();
    expect(Taro.reLaunch).not.toHaveBeenCalled();
  });
});
