import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { WebQrSignIn } from '../../src/pages/login/web-qr-sign-in';
import WebLoginPage from '../../src/packages/manage/pages/web-login/index';
import MinePage from '../../src/pages/mine/index';
import { ApiError } from '../../src/services/api-error';
import { fetchMe } from '../../src/services/me';
import { fetchMyPoints } from '../../src/services/points';
import {
  createWebTicket,
  decideWebTicket,
  pollWebTicket,
  revokeWebSessions,
  scanWebTicket,
} from '../../src/services/web-login';
import { member, myPoints, secretary, session } from './fixtures';
import { __mock } from './mocks/taro';

jest.mock('../../src/services/web-login', () => ({
  ...jest.requireActual('../../src/services/web-login'),
  createWebTicket: jest.fn(),
  pollWebTicket: jest.fn(),
  scanWebTicket: jest.fn(),
  decideWebTicket: jest.fn(),
  revokeWebSessions: jest.fn(),
}));
jest.mock('../../src/services/me');
jest.mock('../../src/services/points');
const mocked = <T extends (...args: never[]) => unknown>(fn: T) => fn as unknown as jest.MockedFunction<T>;

const CODE = 'C'.repeat(22);
const ticket = (id: string) => ({
  id,
  secret: 'S'.repeat(43),
  qr: `xianfeng:weblogin:${id}:${CODE}`,
  expiresAt: new Date(Date.now() + 120_000).toISOString(),
});

describe('the computer: QR sign-in', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('polls until the phone confirms, then opens the home page signed in', async () => {
    mocked(createWebTicket).mockResolvedValue(ticket('AAAAAAAAAAAAAAAA'));
    mocked(pollWebTicket)
      .mockResolvedValueOnce({ status: 'scanned', expiresAt: '' })
      .mockResolvedValueOnce({
        status: 'confirmed',
        expiresAt: '',
        session,
        account: { name: '王秀英', roles: ['member', 'secretary'] },
      });
    render(<WebQrSignIn />);

    expect(await screen.findByLabelText('电脑端登录二维码')).toBeTruthy();
    await act(() => jest.advanceTimersByTimeAsync(2000));
    expect(screen.getByText('已扫码')).toBeTruthy();
    expect(screen.getByText('请在手机上点“确认登录”')).toBeTruthy();
    await act(() => jest.advanceTimersByTimeAsync(2000));
    expect(screen.getByText('王秀英，登录成功')).toBeTruthy();
    await act(() => jest.advanceTimersByTimeAsync(1000));
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/index/index' });
    expect(pollWebTicket).toHaveBeenCalledWith(expect.objectContaining({ id: 'AAAAAAAAAAAAAAAA' }));
  });

  it.each([
    ['expired', '二维码已过期'],
    ['refused', '已在手机上拒绝登录'],
  ] as const)('a %s QR says so and offers a fresh one', async (status, text) => {
    mocked(createWebTicket)
      .mockResolvedValueOnce(ticket('AAAAAAAAAAAAAAAA'))
      .mockResolvedValueOnce(ticket('BBBBBBBBBBBBBBBB'));
    mocked(pollWebTicket).mockResolvedValueOnce({ status, expiresAt: '' }).mockResolvedValue({
      status: 'pending',
      expiresAt: '',
    });
    render(<WebQrSignIn />);

    await screen.findByLabelText('电脑端登录二维码');
    await act(() => jest.advanceTimersByTimeAsync(2000));
    expect(screen.getByText(text)).toBeTruthy();
    fireEvent.click(screen.getByText('刷新二维码'));
    await waitFor(() => expect(createWebTicket).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(screen.queryByText(text)).toBeNull());
  });
});

describe('the phone: 扫码登录电脑端', () => {
  const originalTaroEnv = process.env.TARO_ENV;
  afterEach(() => {
    process.env.TARO_ENV = originalTaroEnv;
  });

  it('asks 在电脑上登录先锋？ with the browser and the time, and confirms', async () => {
    __mock.setRoute('packages/manage/pages/web-login/index', { t: `AAAAAAAAAAAAAAAA.${CODE}` });
    mocked(scanWebTicket).mockResolvedValue({
      browser: 'Chrome 131 · Windows',
      createdAt: '2026-11-30T14:05:00.000+08:00',
      expiresAt: '2026-11-30T14:07:00.000+08:00',
    });
    mocked(decideWebTicket).mockResolvedValue({ status: 'confirmed' });
    render(<WebLoginPage />);

    expect(await screen.findByText('在电脑上登录先锋？')).toBeTruthy();
    expect(screen.getByText('Chrome 131 · Windows')).toBeTruthy();
    expect(screen.getByText('11月30日 14:05')).toBeTruthy();
    fireEvent.click(screen.getByText('确认登录'));
    expect(await screen.findByText('已确认，电脑正在登录')).toBeTruthy();
    expect(decideWebTicket).toHaveBeenCalledWith({ ticketId: 'AAAAAAAAAAAAAAAA', code: CODE }, 'confirm');
  });

  it('refuses', async () => {
    __mock.setRoute('packages/manage/pages/web-login/index', { t: `AAAAAAAAAAAAAAAA.${CODE}` });
    mocked(scanWebTicket).mockResolvedValue({ browser: 'Edge 120 · Windows', createdAt: '', expiresAt: '' });
    mocked(decideWebTicket).mockResolvedValue({ status: 'refused' });
    render(<WebLoginPage />);

    fireEvent.click(await screen.findByText('拒绝'));
    expect(await screen.findByText('已拒绝这次登录')).toBeTruthy();
    expect(decideWebTicket).toHaveBeenCalledWith({ ticketId: 'AAAAAAAAAAAAAAAA', code: CODE }, 'refuse');
  });

  it('shows why an expired QR cannot be confirmed', async () => {
    __mock.setRoute('packages/manage/pages/web-login/index', { t: `AAAAAAAAAAAAAAAA.${CODE}` });
    mocked(scanWebTicket).mockRejectedValue(
      new ApiError(410, 'WEB_TICKET_EXPIRED', '二维码已过期，请在电脑上刷新二维码后重新扫码'),
    );
    render(<WebLoginPage />);

    expect(await screen.findByText('二维码已过期，请在电脑上刷新二维码后重新扫码')).toBeTruthy();
    expect(screen.queryByText('确认登录')).toBeNull();
  });

  it('scans in the mini-program, and tells apart a QR that is not a web sign-in', async () => {
    process.env.TARO_ENV = 'weapp';
    __mock.setRoute('packages/manage/pages/web-login/index', {});
    mocked(Taro.scanCode)
      .mockResolvedValueOnce({ result: 'xianfeng:checkin:12:abcdef' } as never)
      .mockResolvedValueOnce({ result: `xianfeng:weblogin:AAAAAAAAAAAAAAAA:${CODE}` } as never);
    mocked(scanWebTicket).mockResolvedValue({ browser: 'Chrome 131 · Windows', createdAt: '', expiresAt: '' });
    render(<WebLoginPage />);

    fireEvent.click(screen.getByText('扫一扫'));
    expect(await screen.findByText(/这不是先锋电脑端的登录二维码/)).toBeTruthy();
    fireEvent.click(screen.getByText('扫一扫'));
    expect(await screen.findByText('在电脑上登录先锋？')).toBeTruthy();
    expect(scanWebTicket).toHaveBeenCalledWith({ ticketId: 'AAAAAAAAAAAAAAAA', code: CODE });
  });

  it('退出所有电脑端登录 after a confirmation', async () => {
    __mock.setRoute('packages/manage/pages/web-login/index', {});
    mocked(revokeWebSessions).mockResolvedValue({ ended: 2 });
    render(<WebLoginPage />);

    fireEvent.click(screen.getByText('退出所有电脑端登录'));
    await waitFor(() => expect(revokeWebSessions).toHaveBeenCalled());
    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith({ title: '已退出 2 台电脑', icon: 'none' }));
  });

  it('我的 offers 扫码登录电脑端 to managers only', async () => {
    mocked(fetchMyPoints).mockResolvedValue(myPoints);
    mocked(fetchMe).mockResolvedValue(secretary);
    const { unmount } = render(<MinePage />);
    fireEvent.click(await screen.findByText('扫码登录电脑端'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/manage/pages/web-login/index' });
    unmount();

    mocked(fetchMe).mockResolvedValue(member);
    render(<MinePage />);
    expect(await screen.findByText('积分规则')).toBeTruthy();
    expect(screen.queryByText('扫码登录电脑端')).toBeNull();
  });
});
