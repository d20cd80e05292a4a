import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import LoginPage from '../../src/pages/login/index';
import { ApiError } from '../../src/services/api-error';
import { bindWechat, fetchDemoAccounts, signInDemo, signInWechat } from '../../src/services/auth';
import { createWebTicket } from '../../src/services/web-login';
import { demoAccounts, session } from './fixtures';
import { __mock } from './mocks/taro';

jest.mock('../../src/services/auth');
jest.mock('../../src/services/web-login');
const mockFetchDemoAccounts = fetchDemoAccounts as jest.MockedFunction<typeof fetchDemoAccounts>;
const mockSignInDemo = signInDemo as jest.MockedFunction<typeof signInDemo>;
const mockSignInWechat = signInWechat as jest.MockedFunction<typeof signInWechat>;
const mockBindWechat = bindWechat as jest.MockedFunction<typeof bindWechat>;
const mockCreateWebTicket = createWebTicket as jest.MockedFunction<typeof createWebTicket>;
const webTicket = {
  id: 'AAAAAAAAAAAAAAAA',
  secret: 'S'.repeat(43),
  qr: `xianfeng:weblogin:AAAAAAAAAAAAAAAA:${'C'.repeat(22)}`,
  expiresAt: '2099-01-01T00:02:00+08:00',
};

const originalTaroEnv = process.env.TARO_ENV;
afterEach(() => {
  process.env.TARO_ENV = originalTaroEnv;
});

describe('login page on H5 (demo sign-in)', () => {
  beforeEach(() => {
    process.env.TARO_ENV = 'h5';
  });

  it('lists the seeded accounts with name and title', async () => {
    mockFetchDemoAccounts.mockResolvedValue(demoAccounts);
    render(<LoginPage />);

    expect(await screen.findByText('王秀英')).toBeTruthy();
    expect(screen.getByText('机关第一党支部 书记')).toBeTruthy();
    expect(screen.getByText('张国强')).toBeTruthy();
    expect(screen.getByText('示例市机关党委 管理员')).toBeTruthy();
    expect(screen.getByText('李建华')).toBeTruthy();
    expect(mockSignInWechat).not.toHaveBeenCalled();
  });

  it('signs in as the tapped account and opens the home page', async () => {
    mockFetchDemoAccounts.mockResolvedValue(demoAccounts);
    mockSignInDemo.mockResolvedValue(session);
    render(<LoginPage />);

    fireEvent.click(await screen.findByLabelText('以王秀英（机关第一党支部 书记）的身份登录'));

    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/index/index' }));
    expect(mockSignInDemo).toHaveBeenCalledWith(100);
  });

  it('without the demo mode shows the QR sign-in for managers and sends members to the mini-program', async () => {
    mockFetchDemoAccounts.mockRejectedValue(new ApiError(403, 'DEMO_DISABLED', '本服务未开启演示登录'));
    mockCreateWebTicket.mockResolvedValue(webTicket);
    render(<LoginPage />);

    expect(await screen.findByText('扫码登录电脑端')).toBeTruthy();
    expect(await screen.findByLabelText('电脑端登录二维码')).toBeTruthy();
    expect(screen.getByText(/党员请在微信中搜索“先锋”小程序/)).toBeTruthy();
    expect(screen.queryByText('演示登录')).toBeNull();
  });

  it('shows why the accounts did not load, with 重试', async () => {
    mockFetchDemoAccounts.mockRejectedValue(new ApiError(0, 'NETWORK_ERROR', '网络连接失败，请检查网络后重试'));
    render(<LoginPage />);

    expect(await screen.findByText('网络连接失败，请检查网络后重试')).toBeTruthy();
    expect(screen.getByText('重试')).toBeTruthy();
    expect(mockCreateWebTicket).not.toHaveBeenCalled();
  });
});

describe('login page in the mini-program (WeChat sign-in)', () => {
  beforeEach(() => {
    process.env.TARO_ENV = 'weapp';
  });

  it('goes straight home when the WeChat account is bound', async () => {
    mockSignInWechat.mockResolvedValue({ status: 'bound', session });
    render(<LoginPage />);

    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/index/index' }));
    expect(mockSignInWechat).toHaveBeenCalledWith('wx-code-1');
    expect(mockFetchDemoAccounts).not.toHaveBeenCalled();
  });

  it('asks an unbound account for the invite code and binds with it', async () => {
    mockSignInWechat.mockResolvedValue({
      status: 'unbound',
      bindTicket: 'ticket-0123456789abcdef',
      expiresAt: '2099-01-01T00:00:00+08:00',
    });
    mockBindWechat.mockResolvedValue(session);
    render(<LoginPage />);

    const input = await screen.findByLabelText('邀请码');
    fireEvent.input(input, { target: { value: 'k7px 2m9q' } });
    fireEvent.click(screen.getByText('绑定并登录'));

    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/index/index' }));
    expect(mockBindWechat).toHaveBeenCalledWith('ticket-0123456789abcdef', 'K7PX2M9Q');
  });

  it('refuses a code that is not 8 letters or digits without calling the API', async () => {
    mockSignInWechat.mockResolvedValue({
      status: 'unbound',
      bindTicket: 'ticket-0123456789abcdef',
      expiresAt: '2099-01-01T00:00:00+08:00',
    });
    render(<LoginPage />);

    fireEvent.input(await screen.findByLabelText('邀请码'), { target: { value: 'AB12' } });
    fireEvent.click(screen.getByText('绑定并登录'));

    expect(await screen.findByText('请输入 8 位邀请码（字母或数字）')).toBeTruthy();
    expect(mockBindWechat).not.toHaveBeenCalled();
  });

  it('after 退出登录 waits for a tap instead of signing straight back in', async () => {
    __mock.setRoute('pages/login/index', { signedOut: '1' });
    mockSignInWechat.mockResolvedValue({ status: 'bound', session });
    render(<LoginPage />);

    const button = await screen.findByText('微信登录');
    expect(Taro.login).not.toHaveBeenCalled();
    expect(mockSignInWechat).not.toHaveBeenCalled();

    fireEvent.click(button);

    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/index/index' }));
  });

  it("shows the API's reason when the invite code is wrong", async () => {
    mockSignInWechat.mockResolvedValue({
      status: 'unbound',
      bindTicket: 'ticket-0123456789abcdef',
      expiresAt: '2099-01-01T00:00:00+08:00',
    });
    mockBindWechat.mockRejectedValue(new ApiError(400, 'INVITE_INVALID', '邀请码不正确，请核对后重新输入'));
    render(<LoginPage />);

    fireEvent.input(await screen.findByLabelText('邀请码'), { target: { value: 'ZZZZ9999' } });
    fireEvent.click(screen.getByText('绑定并登录'));

    expect(await screen.findByText('邀请码不正确，请核对后重新输入')).toBeTruthy();
    expect(Taro.reLaunch).not.toHaveBeenCalled();
  });

  it('starts over when the bind ticket has expired', async () => {
    mockSignInWechat.mockResolvedValue({
      status: 'unbound',
      bindTicket: 'ticket-0123456789abcdef',
      expiresAt: '2099-01-01T00:00:00+08:00',
    });
    mockBindWechat.mockRejectedValue(new ApiError(400, 'BIND_TICKET_INVALID', '绑定已超时，请重新进入小程序登录'));
    render(<LoginPage />);

    fireEvent.input(await screen.findByLabelText('邀请码'), { target: { value: 'ZZZZ9999' } });
    fireEvent.click(screen.getByText('绑定并登录'));
    fireEvent.click(await screen.findByText('重新登录'));

    await waitFor(() => expect(mockSignInWechat).toHaveBeenCalledTimes(2));
  });
});
