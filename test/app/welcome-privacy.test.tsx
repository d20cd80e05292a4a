// A first visit on the phone opens the welcome page (no failed request, no login flash); the
// privacy page explains what is collected and resolves WeChat's held privacy authorisation.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { __mock } from './mocks/taro';
import HomePage from '../../src/pages/index/index';
import WelcomePage from '../../src/pages/welcome/index';
import PrivacyPage from '../../src/pages/privacy/index';
import { fetchMe } from '../../src/services/me';
import { fetchMyActivities } from '../../src/services/activities';
import { saveSession } from '../../src/services/session';
import { listenForPrivacyAuthorization, PRIVACY_AGREE_BUTTON_ID, privacyPending } from '../../src/utils/privacy';
import { member } from './fixtures';

jest.mock('../../src/services/me');
jest.mock('../../src/services/activities');
const mocked = <T extends (...args: never[]) => unknown>(fn: T) => fn as unknown as jest.MockedFunction<T>;

const originalTaroEnv = process.env.TARO_ENV;
beforeEach(() => {
  process.env.TARO_ENV = 'weapp';
  mocked(fetchMe).mockResolvedValue(member);
  mocked(fetchMyActivities).mockResolvedValue([] as never);
});
afterEach(() => {
  process.env.TARO_ENV = originalTaroEnv;
});

/** The React props of a rendered element (for platform events jsdom has no way to fire). */
function reactProps(element: Element): Record<string, (...args: unknown[]) => void> {
  const key = Object.keys(element).find((k) => k.startsWith('__reactProps'))!;
  return (element as unknown as Record<string, Record<string, (...args: unknown[]) => void>>)[key]!;
}

describe('a first visit in the mini-program', () => {
  it('opens the welcome page without asking the API', async () => {
    render(<HomePage />);
    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/welcome/index' }));
    expect(fetchMe).not.toHaveBeenCalled();
    expect(screen.queryByText('没有加载成功')).toBeNull();
  });

  it('a signed-in member gets 首页 as before', async () => {
    saveSession({ token: 't', expiresAt: '2099-01-01T00:00:00.000Z' } as never);
    render(<HomePage />);
    await waitFor(() => expect(fetchMe).toHaveBeenCalled());
    expect(Taro.reLaunch).not.toHaveBeenCalled();
  });

  it('H5 keeps its sign-in page as the entry (demo accounts, web QR)', async () => {
    process.env.TARO_ENV = 'h5';
    render(<HomePage />);
    await waitFor(() => expect(fetchMe).toHaveBeenCalled());
    expect(Taro.reLaunch).not.toHaveBeenCalledWith({ url: '/pages/welcome/index' });
  });

  it('the welcome page says what 先锋 is, how to get an invite, and leads to sign-in and 隐私说明', () => {
    render(<WelcomePage />);
    expect(screen.getByText('先锋是什么')).toBeTruthy();
    expect(screen.getByText(/向您所在党支部的书记索取邀请码/)).toBeTruthy();
    fireEvent.click(screen.getByText('微信登录'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/login/index' });
    fireEvent.click(screen.getByText('隐私说明'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/privacy/index' });
  });
});

describe('privacy authorisation', () => {
  const listen = () => {
    const listener = jest.fn();
    (Taro.onNeedPrivacyAuthorization as jest.Mock).mockImplementationOnce((fn) => listener.mockImplementation(fn));
    listenForPrivacyAuthorization();
    return listener as unknown as (resolve: jest.Mock) => void;
  };

  it('explains location, photos and retention to read, without buttons when nothing waits', () => {
    render(<PrivacyPage />);
    expect(screen.getByText('位置（仅用于有签到范围的活动）')).toBeTruthy();
    expect(screen.getByText(/不保存您的位置坐标/)).toBeTruthy();
    expect(screen.getByText('照片（仅在您自己添加时）')).toBeTruthy();
    expect(screen.getByText(/照片随这条志愿服务记录保存/)).toBeTruthy();
    expect(screen.queryByText('同意并继续')).toBeNull();
  });

  it('opens the page when WeChat holds a call, and 同意 resolves it with the agree button', async () => {
    const needAuthorization = listen();
    const resolve = jest.fn();
    needAuthorization(resolve);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/privacy/index?ask=1' });
    expect(privacyPending()).toBe(true);

    __mock.setRoute('pages/privacy/index', { ask: '1' });
    render(<PrivacyPage />);
    const agree = screen.getByText('同意并继续');
    expect(agree.getAttribute('id')).toBe(PRIVACY_AGREE_BUTTON_ID);
    expect(resolve).toHaveBeenCalledWith({ event: 'exposureAuthorization' });

    act(() => reactProps(agree).onAgreePrivacyAuthorization!({}));
    expect(resolve).toHaveBeenLastCalledWith({ event: 'agree', buttonId: PRIVACY_AGREE_BUTTON_ID });
    expect(privacyPending()).toBe(false);
    await waitFor(() => expect(Taro.navigateBack).toHaveBeenCalled());
  });

  it('不同意 refuses the held call, and the member can still go on', async () => {
    const needAuthorization = listen();
    const resolve = jest.fn();
    needAuthorization(resolve);
    __mock.setRoute('pages/privacy/index', { ask: '1' });
    render(<PrivacyPage />);

    fireEvent.click(screen.getByText('不同意'));

    expect(resolve).toHaveBeenLastCalledWith({ event: 'disagree' });
    expect(privacyPending()).toBe(false);
    expect(screen.queryByText('同意并继续')).toBeNull();
  });
});
