import { act, fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { InviteSheet, RosterImportReport } from '@contract';
import { __mock } from './mocks/taro';
import InviteSheetPage from '../../src/packages/manage/pages/invite-sheet/index';
import RosterImportPage from '../../src/packages/manage/pages/roster-import/index';
import { fetchInviteSheet, importRoster, issueInviteSheet } from '../../src/services/roster';
import { pickSpreadsheet } from '../../src/utils/pick-file';
import { inviteCodeFromParams, inviteLink } from '../../src/utils/invite-link';

jest.mock('../../src/services/roster');
jest.mock('../../src/utils/pick-file');
const mocked = <T extends (...args: never[]) => unknown>(fn: T) => fn as unknown as jest.MockedFunction<T>;

const dryRun: RosterImportReport = {
  message: '共 3 行，其中 1 行有问题。无误的行将新增 1 人，修改 1 人，无变化 0 人',
  dryRun: true,
  applied: false,
  total: 3,
  added: [{ row: 2, name: '陈红', branch: '机关第一党支部' }],
  changed: [
    {
      row: 3,
      name: '张三',
      branch: '机关第一党支部',
      memberId: 7,
      changes: [{ field: 'phone', label: '手机号', from: '138****2222', to: '138****9999' }],
    },
  ],
  unchanged: [],
  errors: [{ row: 4, text: '吴九 | 第九党支部 | 13800009999', message: '本单位没有名为“第九党支部”的支部' }],
};

beforeEach(() => {
  __mock.reset();
});

describe('invite links', () => {
  it('builds the slip link and reads the code back, directly or from WeChat’s q', () => {
    const link = inviteLink('pages/login/index?code=ABCD2345', 'https://xf.example.gov.cn/');
    expect(link).toBe('https://xf.example.gov.cn/#/pages/login/index?code=ABCD2345');
    expect(inviteCodeFromParams({ code: 'abcd2345' })).toBe('ABCD2345');
    expect(inviteCodeFromParams({ q: encodeURIComponent(link) })).toBe('ABCD2345');
    expect(inviteCodeFromParams({ code: 'short' })).toBeNull();
    expect(inviteCodeFromParams({ q: '%E0%A4%A' })).toBeNull();
  });
});

describe('roster import page', () => {
  it('previews first, then confirms the clean rows only after the dialog', async () => {
    __mock.setRoute('packages/manage/pages/roster-import/index', { orgId: '1' });
    const file = { name: '名册.csv', path: '/tmp/名册.csv' };
    mocked(pickSpreadsheet).mockResolvedValue(file);
    mocked(importRoster).mockResolvedValueOnce({ status: 200, body: dryRun });
    render(<RosterImportPage />);
    fireEvent.click(screen.getByText('选择文件并预览'));
    expect(await screen.findByText('预览结果（尚未写入）')).toBeTruthy();
    expect(importRoster).toHaveBeenLastCalledWith({ orgId: 1 }, file, { dryRun: true }, expect.any(Function));
    expect(screen.getByText('第 4 行')).toBeTruthy();
    expect(screen.getByText('本单位没有名为“第九党支部”的支部')).toBeTruthy();
    expect(screen.getByText('手机号：138****2222 → 138****9999')).toBeTruthy();

    mocked(importRoster).mockResolvedValueOnce({
      status: 200,
      body: { ...dryRun, dryRun: false, applied: true, message: '已导入：新增 1 人，修改 1 人' },
    });
    fireEvent.click(screen.getByText('只导入无误的行（新增 1，修改 1）'));
    expect(await screen.findByText('导入完成')).toBeTruthy();
    expect(Taro.showModal).toHaveBeenCalled();
    expect(importRoster).toHaveBeenLastCalledWith(
      { orgId: 1 },
      file,
      { dryRun: false, skipInvalid: true },
      expect.any(Function),
    );
  });

  it('shows the upload’s real progress, then what the server is doing until it answers', async () => {
    jest.useFakeTimers();
    try {
      __mock.setRoute('packages/manage/pages/roster-import/index', { orgId: '1' });
      const file = { name: '名册.csv', path: '/tmp/名册.csv' };
      mocked(pickSpreadsheet).mockResolvedValue(file);
      mocked(importRoster).mockResolvedValueOnce({ status: 200, body: { ...dryRun, errors: [] } });
      render(<RosterImportPage />);
      fireEvent.click(screen.getByText('选择文件并预览'));
      expect(await screen.findByText('预览结果（尚未写入）')).toBeTruthy();

      let report: (fraction: number) => void = () => undefined;
      let answer: (value: { status: number; body: RosterImportReport }) => void = () => undefined;
      mocked(importRoster).mockImplementationOnce((_target, _file, _mode, onProgress) => {
        report = onProgress!;
        return new Promise((resolve) => {
          answer = resolve;
        });
      });
      fireEvent.click(screen.getByText('确认导入（新增 1，修改 1）'));
      expect(await screen.findByText('第 1 步 / 共 2 步：正在上传文件 0%')).toBeTruthy();
      act(() => report(0.42));
      expect(screen.getByText('第 1 步 / 共 2 步：正在上传文件 42%')).toBeTruthy();
      expect(screen.getByLabelText('上传进度 42%')).toBeTruthy();
      act(() => report(1));
      expect(
        screen.getByText('第 2 步 / 共 2 步：文件已上传，正在写入 2 人的信息（全部写入或都不写入）……'),
      ).toBeTruthy();
      act(() => {
        jest.advanceTimersByTime(3000);
      });
      expect(
        screen.getByText('第 2 步 / 共 2 步：文件已上传，正在写入 2 人的信息（全部写入或都不写入）……已用 3 秒'),
      ).toBeTruthy();
      await act(async () =>
        answer({ status: 200, body: { ...dryRun, errors: [], dryRun: false, applied: true, message: '已导入' } }),
      );
      expect(screen.getByText('导入完成')).toBeTruthy();
      expect(screen.queryByText(/第 2 步 \/ 共 2 步/)).toBeNull();
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('invite sheet page', () => {
  const sheet: InviteSheet = {
    branch: { id: 3, name: '机关第一党支部' },
    issuedAt: null,
    entries: [{ memberId: 9, name: '王老五', code: null, expiresAt: null, bindPath: null }],
  };

  it('lists the unbound and generates codes only after confirming', async () => {
    __mock.setRoute('packages/manage/pages/invite-sheet/index', { branchId: '3' });
    mocked(fetchInviteSheet).mockResolvedValue(sheet);
    mocked(issueInviteSheet).mockResolvedValue({
      ...sheet,
      issuedAt: '2026-11-30T10:00:00.000+08:00',
      entries: [
        {
          memberId: 9,
          name: '王老五',
          code: 'ABCD2345',
          expiresAt: '2026-12-03T10:00:00.000+08:00',
          bindPath: 'pages/login/index?code=ABCD2345',
        },
      ],
    });
    render(<InviteSheetPage />);
    expect(await screen.findByText('王老五')).toBeTruthy();
    expect(screen.getByText('暂无有效邀请码（未生成、已过期或已作废）')).toBeTruthy();
    fireEvent.click(screen.getByText('为未绑定的 1 人生成邀请码'));
    expect(await screen.findByText('ABCD 2345')).toBeTruthy();
    expect(Taro.showModal).toHaveBeenCalled();
    expect(issueInviteSheet).toHaveBeenCalledWith(3);
  });
});
