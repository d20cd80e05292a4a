// Opt-in reminders in the app: the buttons ask WeChat first and keep only an accepted
// subscription; H5 shows none; 我的 lists them and withdraws one.
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { MySubscriptions, Subscription } from '@contract';
import { SubscribeButton } from '../../src/components/subscribe-button';
import { MySubscriptions as MySubscriptionsSection } from '../../src/pages/mine/subscriptions';
import StudyPage from '../../src/pages/study/index';
import MyPointsPage from '../../src/packages/points/pages/mine/index';
import VolunteerLogPage from '../../src/packages/volunteer/pages/log/index';
import { createVolunteerRecord } from '../../src/services/volunteer';
import { fetchMyObjections, fetchPointsHistory, fetchPublications } from '../../src/services/points-review';
import { fetchMyPoints } from '../../src/services/points';
import { fetchMyQuizzes, fetchWrongBook } from '../../src/services/quiz';
import {
  fetchMySubscriptions,
  subscribeNewQuiz,
  subscribeObjectionResult,
  withdrawSubscription,
} from '../../src/services/subscriptions';
import { myPoints } from './fixtures';
import { openQuiz, wrongBook } from './quiz-fixtures';

jest.mock('../../src/services/subscriptions');
jest.mock('../../src/services/points');
jest.mock('../../src/services/quiz');
jest.mock('../../src/services/points-review');
jest.mock('../../src/services/volunteer');
const mocked = <T extends (...args: never[]) => unknown>(fn: T) => fn as unknown as jest.MockedFunction<T>;
const requestSubscribe = Taro.requestSubscribeMessage as unknown as jest.Mock;

const TEMPLATES = { activityReminder: 'tmpl-activity', reviewResult: 'tmpl-review', newQuiz: 'tmpl-quiz' };
const item = (over: Partial<Subscription>): Subscription => ({
  id: 1,
  kind: 'activity_reminder',
  targetType: 'activity',
  targetId: 7,
  title: '活动开始提醒：11月主题党日',
  status: 'pending',
  createdAt: '2026-11-21T09:00:00.000+08:00',
  finishedAt: null,
  ...over,
});
const mine = (items: Subscription[], templates = TEMPLATES): MySubscriptions => ({
  templates,
  reminderLeadMinutes: 60,
  items,
});

const originalTaroEnv = process.env.TARO_ENV;
beforeEach(() => {
  process.env.TARO_ENV = 'weapp';
});
afterEach(() => {
  process.env.TARO_ENV = originalTaroEnv;
});

describe('subscribe button', () => {
  it('asks WeChat for the template and keeps the subscription only once accepted', async () => {
    requestSubscribe.mockResolvedValueOnce({ 'tmpl-activity': 'accept', errMsg: 'requestSubscribeMessage:ok' });
    const onAccepted = jest.fn(() => Promise.resolve());
    render(<SubscribeButton templateId="tmpl-activity" label="开始前提醒我" onAccepted={onAccepted} />);

    fireEvent.click(screen.getByText('开始前提醒我'));

    await waitFor(() => expect(onAccepted).toHaveBeenCalledTimes(1));
    expect(requestSubscribe).toHaveBeenCalledWith({ tmplIds: ['tmpl-activity'] });
    expect(await screen.findByText(/已设置提醒/)).toBeTruthy();
    expect(screen.queryByText('开始前提醒我')).toBeNull();
  });

  it('keeps nothing when the member does not allow it', async () => {
    requestSubscribe.mockResolvedValueOnce({ 'tmpl-activity': 'reject', errMsg: 'requestSubscribeMessage:ok' });
    const onAccepted = jest.fn(() => Promise.resolve());
    render(<SubscribeButton templateId="tmpl-activity" label="开始前提醒我" onAccepted={onAccepted} />);

    fireEvent.click(screen.getByText('开始前提醒我'));

    await waitFor(() =>
      expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '您没有允许，不会收到提醒' })),
    );
    expect(onAccepted).not.toHaveBeenCalled();
    expect(screen.getByText('开始前提醒我')).toBeTruthy();
  });

  it('explains how to switch messages back on when they are switched off, and opens the settings', async () => {
    requestSubscribe.mockResolvedValueOnce({ 'tmpl-quiz': 'ban', errMsg: 'requestSubscribeMessage:ok' });
    const onAccepted = jest.fn(() => Promise.resolve());
    render(<SubscribeButton templateId="tmpl-quiz" label="有新答题时通知我" onAccepted={onAccepted} />);

    fireEvent.click(screen.getByText('有新答题时通知我'));

    await waitFor(() => expect(Taro.openSetting).toHaveBeenCalled());
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '消息提醒已关闭' }));
    expect(onAccepted).not.toHaveBeenCalled();
  });

  it('says it is already set when a subscription waits', () => {
    render(<SubscribeButton templateId="tmpl-quiz" label="有新答题时通知我" subscribed onAccepted={jest.fn()} />);
    expect(screen.getByText(/已设置提醒/)).toBeTruthy();
    expect(screen.queryByText('有新答题时通知我')).toBeNull();
  });

  it('is not shown on H5, nor when the organisation has not set the reminder up', () => {
    const { container, rerender } = render(
      <SubscribeButton templateId={null} label="开始前提醒我" onAccepted={jest.fn()} />,
    );
    expect(container.textContent).toBe('');
    process.env.TARO_ENV = 'h5';
    rerender(<SubscribeButton templateId="tmpl-activity" label="开始前提醒我" onAccepted={jest.fn()} />);
    expect(container.textContent).toBe('');
  });
});

describe('study tab reminder', () => {
  beforeEach(() => {
    mocked(fetchMyPoints).mockResolvedValue(myPoints);
    mocked(fetchMyQuizzes).mockResolvedValue([openQuiz]);
    mocked(fetchWrongBook).mockResolvedValue(wrongBook);
  });

  it('offers 有新答题时通知我 and subscribes after WeChat says yes', async () => {
    mocked(fetchMySubscriptions).mockResolvedValue(mine([]));
    mocked(subscribeNewQuiz).mockResolvedValue(item({ id: 5, kind: 'new_quiz', targetType: null, targetId: null }));
    requestSubscribe.mockResolvedValueOnce({ 'tmpl-quiz': 'accept', errMsg: 'requestSubscribeMessage:ok' });
    render(<StudyPage />);

    fireEvent.click(await screen.findByText('有新答题时通知我'));

    await waitFor(() => expect(subscribeNewQuiz).toHaveBeenCalledTimes(1));
    expect(requestSubscribe).toHaveBeenCalledWith({ tmplIds: ['tmpl-quiz'] });
    expect(requestSubscribe).toHaveBeenCalledTimes(1);
  });

  it('never asks on its own: opening the tab requests no subscription', async () => {
    mocked(fetchMySubscriptions).mockResolvedValue(mine([]));
    render(<StudyPage />);
    expect(await screen.findByText('有新答题时通知我')).toBeTruthy();
    expect(requestSubscribe).not.toHaveBeenCalled();
    expect(subscribeNewQuiz).not.toHaveBeenCalled();
  });

  it('shows no reminder button on H5 and does not ask the API for reminders', async () => {
    process.env.TARO_ENV = 'h5';
    render(<StudyPage />);
    expect(await screen.findByText('11月党章党规综合测试')).toBeTruthy();
    expect(screen.queryByText('有新答题时通知我')).toBeNull();
    expect(fetchMySubscriptions).not.toHaveBeenCalled();
  });
});

describe('volunteer reminder', () => {
  it('after logging hours in the mini-program the new record opens, where 审核结果通知我 is offered', async () => {
    mocked(createVolunteerRecord).mockResolvedValue({ id: 42 } as never);
    render(<VolunteerLogPage />);
    fireEvent.change(screen.getByPlaceholderText('如：和平社区三号楼'), { target: { value: '和平社区' } });
    fireEvent.change(screen.getByPlaceholderText('做了什么，服务了谁'), { target: { value: '清理楼道' } });
    fireEvent.click(screen.getByText('提交审核'));
    await waitFor(() =>
      expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/volunteer/pages/record/index?id=42' }),
    );
    expect(Taro.navigateBack).not.toHaveBeenCalled();
    expect(requestSubscribe).not.toHaveBeenCalled();
  });
});

describe('objection reminder', () => {
  it('offers 处理结果通知我 on a pending objection only, and subscribes for that objection', async () => {
    const entry = myPoints.recent[0]!;
    const objection = (id: number, status: 'pending' | 'rejected') => ({
      id,
      member: { id: 1, name: '李建华' },
      entry,
      reason: '应有满分加分',
      status,
      resolutionNote: status === 'pending' ? null : '按规则',
      resolutionEntry: null,
      resolvedAt: null,
      createdAt: '2026-11-20T09:00:00.000+08:00',
    });
    mocked(fetchMyPoints).mockResolvedValue(myPoints);
    mocked(fetchPointsHistory).mockResolvedValue({ items: myPoints.recent, total: myPoints.recent.length });
    mocked(fetchMyObjections).mockResolvedValue({
      items: [objection(31, 'pending'), objection(30, 'rejected')],
    } as never);
    mocked(fetchPublications).mockResolvedValue({ items: [] });
    mocked(fetchMySubscriptions).mockResolvedValue(mine([]));
    mocked(subscribeObjectionResult).mockResolvedValue(
      item({ id: 8, kind: 'review_result', targetType: 'objection', targetId: 31 }),
    );
    requestSubscribe.mockResolvedValueOnce({ 'tmpl-review': 'accept', errMsg: 'requestSubscribeMessage:ok' });
    render(<MyPointsPage />);

    const buttons = await screen.findAllByText('处理结果通知我');
    expect(buttons).toHaveLength(1);
    fireEvent.click(buttons[0]!);

    await waitFor(() => expect(subscribeObjectionResult).toHaveBeenCalledWith(31));
    expect(requestSubscribe).toHaveBeenCalledWith({ tmplIds: ['tmpl-review'] });
  });
});

describe('我的 → 消息提醒', () => {
  it('lists waiting reminders and what became of the ended ones', async () => {
    mocked(fetchMySubscriptions).mockResolvedValue(
      mine([
        item({ id: 1 }),
        item({
          id: 2,
          kind: 'review_result',
          targetType: 'volunteer',
          title: '审核结果通知：2026-11-20 志愿服务 2 小时',
          status: 'sent',
          finishedAt: '2026-11-21T15:00:00.000+08:00',
        }),
        item({
          id: 3,
          title: '活动开始提醒：支部党员大会',
          status: 'expired',
          finishedAt: '2026-11-20T15:00:00.000+08:00',
        }),
      ]),
    );
    render(<MySubscriptionsSection />);

    expect(await screen.findByText('活动开始提醒：11月主题党日')).toBeTruthy();
    expect(screen.getByText('等待发送')).toBeTruthy();
    expect(screen.getByText('已发送')).toBeTruthy();
    expect(screen.getByText('活动已开始或取消，未发送')).toBeTruthy();
    expect(screen.getAllByText('取消提醒')).toHaveLength(1);
  });

  it('withdraws a waiting reminder after confirming, and shows the list again', async () => {
    mocked(fetchMySubscriptions)
      .mockResolvedValueOnce(mine([item({ id: 9 })]))
      .mockResolvedValueOnce(mine([item({ id: 9, status: 'withdrawn', finishedAt: '2026-11-22T10:00:00.000+08:00' })]));
    mocked(withdrawSubscription).mockResolvedValue();
    render(<MySubscriptionsSection />);

    fireEvent.click(await screen.findByText('取消提醒'));

    await waitFor(() => expect(withdrawSubscription).toHaveBeenCalledWith(9));
    expect(await screen.findByText('已取消')).toBeTruthy();
    expect(screen.queryByText('取消提醒')).toBeNull();
  });

  it('keeps the reminder when the confirmation is declined', async () => {
    mocked(fetchMySubscriptions).mockResolvedValue(mine([item({ id: 9 })]));
    (Taro.showModal as jest.Mock).mockResolvedValueOnce({ confirm: false, cancel: true });
    render(<MySubscriptionsSection />);

    fireEvent.click(await screen.findByText('取消提醒'));

    await waitFor(() => expect(Taro.showModal).toHaveBeenCalled());
    expect(withdrawSubscription).not.toHaveBeenCalled();
  });

  it('says how to set reminders when there are none, and that they are off when not set up', async () => {
    mocked(fetchMySubscriptions).mockResolvedValueOnce(mine([]));
    const { unmount } = render(<MySubscriptionsSection />);
    expect(await screen.findByText(/提醒只在您需要时设置/)).toBeTruthy();
    unmount();
    mocked(fetchMySubscriptions).mockResolvedValueOnce(
      mine([], { activityReminder: null, reviewResult: null, newQuiz: null } as never),
    );
    render(<MySubscriptionsSection />);
    expect(await screen.findByText('本单位尚未开通消息提醒。')).toBeTruthy();
  });

  it('on H5 explains that reminders are a mini-program feature', () => {
    process.env.TARO_ENV = 'h5';
    render(<MySubscriptionsSection />);
    expect(screen.getByText(/消息提醒是微信小程序的功能/)).toBeTruthy();
    expect(fetchMySubscriptions).not.toHaveBeenCalled();
  });
});
