import { TaroXMLHttpRequest, failWith, respondWith, wxRequest } from './weapp-transport';
import Taro from '@tarojs/taro';
import { ApiError } from '../../src/services/api-error';
import { download, safeFileName } from '../../src/services/request';
import { signInDemo } from '../../src/services/auth';
import { fetchMe } from '../../src/services/me';
import { issueInvite } from '../../src/services/org';
import { loadSession, saveSession } from '../../src/services/session';
import { openAfterSignIn } from '../../src/services/return-to';
import { __mock } from './mocks/taro';
import { invite, member, session } from './fixtures';

const toast = Taro.showToast as jest.Mock;
const reLaunch = Taro.reLaunch as jest.Mock;

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    return error as ApiError;
  }
  throw new Error('expected the request to fail');
}

describe('request wrapper on the mini-program transport', () => {
  it('has no browser XMLHttpRequest or fetch to fall back on', () => {
    expect(typeof fetch).toBe('undefined');
    expect(XMLHttpRequest).toBe(TaroXMLHttpRequest);
  });

  it('sends the stored token to API_BASE through wx.request and returns the body', async () => {
    saveSession(session);
    respondWith(200, member);

    await expect(fetchMe()).resolves.toEqual(member);

    expect(wxRequest).toHaveBeenCalledTimes(1);
    const options = wxRequest.mock.calls[0]![0];
    expect(options.url).toBe('https://api.xianfeng.test/api/me');
    expect(options.method).toBe('GET');
    expect(options.header.Authorization).toBe('Bearer token-abc');
  });

  it('posts JSON bodies', async () => {
    saveSession(session);
    respondWith(200, invite);

    await expect(issueInvite(11, 102)).resolves.toEqual(invite);

    const options = wxRequest.mock.calls[0]![0];
    expect(options.url).toBe('https://api.xianfeng.test/api/branches/11/invites');
    expect(options.method).toBe('POST');
    expect(JSON.parse(options.data as string)).toEqual({ memberId: 102 });
  });

  it('unwraps the API error body into an ApiError and toasts its Chinese message', async () => {
    saveSession(session);
    respondWith(403, { code: 'FORBIDDEN_SCOPE', message: '只能管理本支部的事务' });

    const error = await rejection(issueInvite(12, 102));

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 403, code: 'FORBIDDEN_SCOPE', message: '只能管理本支部的事务' });
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '只能管理本支部的事务', icon: 'none' }));
    expect(loadSession()).toEqual(session);
    expect(reLaunch).not.toHaveBeenCalled();
  });

  it('does not toast when the caller shows the error itself', async () => {
    saveSession(session);
    respondWith(404, { code: 'NOT_FOUND', message: '支部不存在' });

    const error = await rejection(fetchMe({ silent: true }));

    expect(error.code).toBe('NOT_FOUND');
    expect(toast).not.toHaveBeenCalled();
  });

  it.each(['SESSION_EXPIRED', 'UNAUTHENTICATED'])(
    'on 401 %s clears the session and relaunches the login page',
    async (code) => {
      saveSession(session);
      respondWith(401, { code, message: '登录已过期，请重新登录' });

      const error = await rejection(fetchMe());

      expect(error).toMatchObject({ status: 401, code });
      expect(loadSession()).toBeNull();
      // The sign-in page says why (登录已过期); a toast would vanish with the page change.
      expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index?reason=expired' });
      expect(toast).not.toHaveBeenCalled();
    },
  );

  it('remembers the page a signed-out link opened, and returns there after signing in', async () => {
    __mock.setRoute('packages/activities/pages/detail/index', { id: '7', $taroTimestamp: '123' });
    await rejection(fetchMe());
    expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' });
    await openAfterSignIn();
    expect(reLaunch).toHaveBeenLastCalledWith({ url: '/packages/activities/pages/detail/index?id=7' });
    // Used once: the next sign-in goes to 首页.
    await openAfterSignIn();
    expect(reLaunch).toHaveBeenLastCalledWith({ url: '/pages/index/index' });
  });

  it('does not relaunch the login page when already on it', async () => {
    __mock.setRoute('pages/login/index');
    saveSession(session);
    respondWith(401, { code: 'SESSION_EXPIRED', message: '登录已过期，请重新登录' });

    await rejection(fetchMe());

    expect(loadSession()).toBeNull();
    expect(reLaunch).not.toHaveBeenCalled();
  });

  it('without a session sends nothing and goes to the login page', async () => {
    const error = await rejection(fetchMe());

    expect(error).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect(wxRequest).not.toHaveBeenCalled();
    expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' });
  });

  it('signs in without a token and stores the session it gets', async () => {
    respondWith(200, session);

    await signInDemo(101);

    const options = wxRequest.mock.calls[0]![0];
    expect(options.header.Authorization).toBeUndefined();
    expect(JSON.parse(options.data as string)).toEqual({ memberId: 101 });
    expect(loadSession()).toEqual(session);
  });

  it('turns a failed connection into a Chinese NETWORK_ERROR', async () => {
    saveSession(session);
    failWith('request:fail timeout');

    const error = await rejection(fetchMe());

    expect(error).toMatchObject({ status: 0, code: 'NETWORK_ERROR', message: '网络连接失败，请检查网络后重试' });
  });

  it('gives a Chinese message when the error body is not the API shape', async () => {
    saveSession(session);
    respondWith(502, '<html>Bad Gateway</html>');

    const error = await rejection(fetchMe());

    expect(error).toMatchObject({ status: 502, code: 'HTTP_502', message: '服务暂时不可用，请稍后重试' });
  });

  it('ignores an expired stored session', async () => {
    saveSession({ token: 'old', expiresAt: '2020-01-01T00:00:00.000+08:00' });

    await rejection(fetchMe());

    expect(wxRequest).not.toHaveBeenCalled();
    expect(loadSession()).toBeNull();
  });
});

describe('file download on the mini-program', () => {
  const downloadFile = Taro.downloadFile as jest.Mock;
  const openDocument = Taro.openDocument as jest.Mock;

  it('saves the workbook under its real name and opens it from there', async () => {
    saveSession(session);
    downloadFile.mockResolvedValueOnce({ statusCode: 200, filePath: 'wxfile://usr/机关第一党支部台账_2026年.xlsx' });

    await download('/api/branches/11/ledger.xlsx?period=year', '机关第一党支部台账_2026年.xlsx');

    expect(downloadFile).toHaveBeenCalledWith({
      url: 'https://api.xianfeng.test/api/branches/11/ledger.xlsx?period=year',
      header: { Authorization: 'Bearer token-abc' },
      filePath: 'wxfile://usr/机关第一党支部台账_2026年.xlsx',
    });
    expect(openDocument).toHaveBeenCalledWith({
      filePath: 'wxfile://usr/机关第一党支部台账_2026年.xlsx',
      fileType: 'xlsx',
      showMenu: true,
    });
    expect(toast).not.toHaveBeenCalled();
  });

  it('says so when the download fails or the API refuses it', async () => {
    saveSession(session);
    downloadFile.mockRejectedValueOnce({ errMsg: 'downloadFile:fail network error' });
    const failed = await rejection(download('/api/branches/11/ledger.xlsx', '台账.xlsx'));
    expect(failed.code).toBe('NETWORK_ERROR');
    expect(toast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '下载没有成功，请检查网络后重试' }));

    downloadFile.mockResolvedValueOnce({ statusCode: 403, filePath: 'wxfile://usr/台账.xlsx' });
    const refused = await rejection(download('/api/branches/11/ledger.xlsx', '台账.xlsx'));
    expect(refused.status).toBe(403);
    expect(toast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '下载没有成功：没有权限进行此操作' }));
    expect(openDocument).not.toHaveBeenCalled();
  });

  it('keeps file names WeChat accepts', () => {
    expect(safeFileName('一支部/二组 台账?.xlsx')).toBe('一支部_二组_台账_.xlsx');
    expect(safeFileName('..')).toBe('download.xlsx');
  });
});
