// The pages' side of writes on a flaky network: what the member sees while a check-in or a
// quiz submission is being retried, and that a failed submission stays with 重试.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { ActivityDetail, AttemptResult } from '@contract';
import { __mock } from './mocks/taro';
import ActivityDetailPage from '../../src/packages/activities/pages/detail/index';
import AttemptPage from '../../src/packages/study/pages/attempt/index';
import * as activities from '../../src/services/activities';
import * as quiz from '../../src/services/quiz';
import { ApiError } from '../../src/services/api-error';
import type { WriteControl } from '../../src/services/write-once';
import { openQuiz, paper, result } from './quiz-fixtures';

jest.mock('../../src/services/activities');
jest.mock('../../src/services/quiz');
const api = activities as jest.Mocked<typeof activities>;
const quizApi = quiz as jest.Mocked<typeof quiz>;

const themeDay: ActivityDetail = {
  id: 7,
  type: 'theme_day',
  title: '11月主题党日：学习党章',
  place: '机关大楼三楼会议室',
  startsAt: '2026-11-22T09:55:00.000+08:00',
  endsAt: '2026-11-22T11:30:00.000+08:00',
  status: 'scheduled',
  branch: { id: 11, name: '机关第一党支部' },
  myStatus: 'pending',
  myLeave: null,
  topic: '学习党章第一章',
  checkinOpensAt: '2026-11-22T09:25:00.000+08:00',
  checkinClosesAt: '2026-11-22T11:30:00.000+08:00',
  lateAfter: '2026-11-22T10:05:00.000+08:00',
  geofence: null,
  points: { amount: 1, label: '参加主题党日' },
  record: null,
  cancelReason: null,
  myAttendance: null,
} as unknown as ActivityDetail;

describe('check-in on a flaky network', () => {
  it('says the check-in is saved while offline, then shows the result when it goes through', async () => {
    __mock.setRoute('packages/activities/pages/detail/index', { id: '7' });
    api.fetchActivity.mockResolvedValue(themeDay);
    let finish: (() => void) | null = null;
    api.checkIn.mockImplementation((_id, _proof, control?: Partial<WriteControl>) => {
      control?.onState?.('waitingForNetwork');
      return new Promise((resolve) => {
        finish = () => {
          control?.onState?.('retrying');
          resolve({
            attendance: { status: 'present', method: 'code', checkedInAt: '2026-11-22T10:00:00.000+08:00' },
            created: true,
            pointsAwarded: 1,
          } as never);
        };
      });
    });
    render(<ActivityDetailPage />);
    fireEvent.change(await screen.findByLabelText('签到码'), { target: { value: '048213' } });
    fireEvent.click(screen.getByText('确认签到'));

    expect((await screen.findByRole('status')).textContent).toBe('已保存，联网后自动提交');
    await act(async () => finish?.());
    expect(await screen.findByText('已签到，积分 +1')).toBeTruthy();
  });

  it('keeps the typed code when it expired meanwhile, and says to read the new one', async () => {
    __mock.setRoute('packages/activities/pages/detail/index', { id: '7' });
    api.fetchActivity.mockResolvedValue(themeDay);
    api.checkIn.mockRejectedValue(new ApiError(400, 'CHECKIN_CODE_EXPIRED', '签到码已过期，请输入屏幕上最新的签到码'));
    render(<ActivityDetailPage />);
    fireEvent.change(await screen.findByLabelText('签到码'), { target: { value: '123456' } });
    fireEvent.click(screen.getByText('确认签到'));

    expect((await screen.findByRole('alert')).textContent).toBe('签到码已过期，请输入屏幕上最新的签到码');
    expect((screen.getByLabelText('签到码') as HTMLInputElement).value).toBe('123456');
  });
});

describe('quiz submission on a flaky network', () => {
  it('keeps a failed submission on screen with 重试, and 重试 sends the same submission again', async () => {
    __mock.setRoute('packages/study/pages/attempt/index', { quizId: '7' });
    quizApi.fetchMyQuizzes.mockResolvedValue([openQuiz]);
    quizApi.startAttempt.mockResolvedValue(paper);
    const keys: string[] = [];
    quizApi.submitAttempt.mockImplementation(async (_id, _body, control?: Partial<WriteControl>) => {
      keys.push(control?.key ?? '');
      if (keys.length === 1) throw new ApiError(0, 'NETWORK_ERROR', '网络连接失败，请检查网络后重试');
      return result as AttemptResult;
    });
    render(<AttemptPage />);
    // The start screen first; the clock starts on 开始答题.
    fireEvent.click(await screen.findByText('开始答题'));
    expect(await screen.findByText(/申请入党的人/)).toBeTruthy();
    fireEvent.click(screen.getByText('答题卡'));
    const submitButtons = screen.getAllByText('交卷');
    fireEvent.click(submitButtons[submitButtons.length - 1]!);

    const banner = await screen.findByRole('alert');
    expect(banner.textContent).toContain('交卷没有成功：网络连接失败，请检查网络后重试');
    // Not a toast that vanishes: the banner is still there a while later.
    await act(async () => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(screen.getByRole('alert')).toBeTruthy();
    expect(Taro.showToast).not.toHaveBeenCalled();

    fireEvent.click(screen.getByText('重试'));
    await waitFor(() =>
      expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/study/pages/result/index?attemptId=70' }),
    );
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
  });
});
