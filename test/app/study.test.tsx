import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { __mock } from './mocks/taro';
import StudyPage from '../../src/pages/study/index';
import AttemptPage from '../../src/packages/study/pages/attempt/index';
import ResultPage from '../../src/packages/study/pages/result/index';
import PracticePage from '../../src/packages/study/pages/practice/index';
import WrongBookPage from '../../src/packages/study/pages/wrong-book/index';
import { ApiError } from '../../src/services/api-error';
import { fetchMyPoints } from '../../src/services/points';
import {
  answerPractice,
  fetchAttempt,
  fetchMyQuizzes,
  fetchWrongBook,
  openDailyPractice,
  startAttempt,
  submitAttempt,
} from '../../src/services/quiz';
import { myPoints } from './fixtures';
import { dailySession, doneQuiz, openQuiz, paper, result, wrongBook } from './quiz-fixtures';

jest.mock('../../src/services/points');
jest.mock('../../src/services/quiz');
const mocked = <T extends (...args: never[]) => unknown>(fn: T) => fn as unknown as jest.MockedFunction<T>;

beforeEach(() => {
  __mock.reset();
  mocked(fetchMyPoints).mockResolvedValue(myPoints);
  mocked(fetchMyQuizzes).mockResolvedValue([openQuiz, doneQuiz]);
  mocked(fetchWrongBook).mockResolvedValue(wrongBook);
});

describe('study tab', () => {
  it('lists open quizzes with an action, past results, the daily practice and the wrong-answer book', async () => {
    render(<StudyPage />);
    expect(await screen.findByText('11月党章党规综合测试')).toBeTruthy();
    expect(screen.getByText('去答题 ›')).toBeTruthy();
    expect(screen.getByText('查看成绩 ›')).toBeTruthy();
    expect(screen.getByText('最好成绩 80 分 · 合格')).toBeTruthy();
    expect(await screen.findByText('1 道 ›')).toBeTruthy();
    fireEvent.click(screen.getByText('去答题 ›'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/study/pages/attempt/index?quizId=7' });
    fireEvent.click(screen.getByText('开始今日练习'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/study/pages/practice/index?kind=daily' });
    expect(await screen.findByText('党章知识测试')).toBeTruthy();
  });

  it('tells an account outside any branch that it has no points, without a retry', async () => {
    mocked(fetchMyPoints).mockRejectedValue(new ApiError(403, 'FORBIDDEN_ROLE', '此操作仅限党员'));
    render(<StudyPage />);
    expect(await screen.findByText('您的账号不属于任何支部，没有个人积分记录。')).toBeTruthy();
    expect(screen.queryByText('重试')).toBeNull();
  });
});

describe('attempt page', () => {
  it('keeps answers across a reload, jumps with the answer sheet, confirms and submits by position', async () => {
    __mock.setRoute('packages/study/pages/attempt/index', { quizId: '7' });
    mocked(startAttempt).mockResolvedValue(paper);
    mocked(submitAttempt).mockResolvedValue(result);
    const first = render(<AttemptPage />);
    expect(await screen.findByText(/申请入党的人/)).toBeTruthy();
    expect(screen.getByText('剩余 20:00')).toBeTruthy();
    fireEvent.click(screen.getByText('两名'));
    expect(screen.getByText('已选')).toBeTruthy();
    expect(screen.getByText('第 1 / 3 题 · 已答 1 题')).toBeTruthy();
    first.unmount();

    // The page is opened again (a reload): the same paper, the answer still there.
    render(<AttemptPage />);
    expect(await screen.findByText('第 1 / 3 题 · 已答 1 题')).toBeTruthy();
    fireEvent.click(screen.getByText('答题卡'));
    fireEvent.click(screen.getByLabelText('第2题未答'));
    expect(screen.getByText(/对党员的纪律处分种类/)).toBeTruthy();
    fireEvent.click(screen.getByText('警告'));
    fireEvent.click(screen.getByText('严重警告'));
    fireEvent.click(screen.getByText('下一题'));
    mocked(Taro.showModal).mockResolvedValueOnce({ confirm: false, cancel: true } as never);
    fireEvent.click(screen.getByText('交卷'));
    await waitFor(() => expect(Taro.showModal).toHaveBeenCalledTimes(1));
    expect(mocked(Taro.showModal).mock.calls[0]?.[0]).toMatchObject({
      content: expect.stringContaining('还有 1 道题没有作答'),
    });
    expect(submitAttempt).not.toHaveBeenCalled();

    fireEvent.click(screen.getByText('交卷'));
    await waitFor(() => expect(submitAttempt).toHaveBeenCalledTimes(1));
    expect(submitAttempt).toHaveBeenCalledWith(
      70,
      {
        answers: [
          { position: 0, choices: [1] },
          { position: 1, choices: [1, 2] },
        ],
      },
      expect.objectContaining({ key: expect.any(String) }),
    );
    await waitFor(() =>
      expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/study/pages/result/index?attemptId=70' }),
    );
    expect(__mock.storage.has('xf-attempt-70')).toBe(false);
  });

  it('submits by itself when the server’s time runs out', async () => {
    jest.useFakeTimers();
    __mock.setRoute('packages/study/pages/attempt/index', { quizId: '7' });
    mocked(startAttempt).mockResolvedValue({ ...paper, secondsLeft: 2 });
    mocked(submitAttempt).mockResolvedValue(result);
    render(<AttemptPage />);
    await act(async () => {
      await Promise.resolve();
    });
    expect(screen.getByText('剩余 00:02')).toBeTruthy();
    await act(async () => {
      jest.advanceTimersByTime(3000);
    });
    jest.useRealTimers();
    await waitFor(() => expect(submitAttempt).toHaveBeenCalledWith(70, { answers: [] }, expect.anything()));
    expect(Taro.showModal).not.toHaveBeenCalled();
  });

  it('explains why a quiz cannot be taken', async () => {
    __mock.setRoute('packages/study/pages/attempt/index', { quizId: '7' });
    mocked(startAttempt).mockRejectedValue(
      new ApiError(409, 'ATTEMPTS_USED_UP', '每人最多作答 1 次，您的作答次数已用完'),
    );
    render(<AttemptPage />);
    expect(await screen.findByText('每人最多作答 1 次，您的作答次数已用完')).toBeTruthy();
    expect(screen.queryByText('重试')).toBeNull();
  });
});

describe('result page', () => {
  it('shows the score, pass, points and every question with the right answer and the explanation', async () => {
    __mock.setRoute('packages/study/pages/result/index', { attemptId: '70' });
    mocked(fetchAttempt).mockResolvedValue({ state: 'finished', result });
    render(<ResultPage />);
    expect(await screen.findByText('83')).toBeTruthy();
    expect(screen.getByText('合格')).toBeTruthy();
    expect(screen.getByText('答对 2 / 3 题 · 获得积分 +2')).toBeTruthy();
    expect(screen.getByText('答对一部分（得一半分）')).toBeTruthy();
    expect(screen.getByText('《中国共产党章程》第五条：要有两名正式党员作介绍人。')).toBeTruthy();
    expect(screen.getAllByText('解析')).toHaveLength(3);
  });
});

describe('practice and wrong-answer book', () => {
  it('grades a daily practice question at once and shows the explanation', async () => {
    __mock.setRoute('packages/study/pages/practice/index', { kind: 'daily' });
    mocked(openDailyPractice).mockResolvedValue(dailySession);
    mocked(answerPractice).mockResolvedValue({
      ...dailySession,
      completed: true,
      correctCount: 1,
      pointsEarned: 1,
      items: [
        {
          ...dailySession.items[0]!,
          feedback: { chosen: [0], answer: [0], correct: true, explanation: '《中国共产党章程》第七条。' },
        },
      ],
    });
    render(<PracticePage />);
    expect(await screen.findByText(/预备党员的预备期为一年/)).toBeTruthy();
    fireEvent.click(screen.getByText('正确'));
    fireEvent.click(screen.getByText('提交答案'));
    expect(await screen.findByText('回答正确')).toBeTruthy();
    expect(answerPractice).toHaveBeenCalledWith(9, { position: 0, choices: [0] });
    expect(screen.getByText('《中国共产党章程》第七条。')).toBeTruthy();
    fireEvent.click(screen.getByText('完成'));
    expect(await screen.findByText('答对 1 / 1 题，获得积分 +1')).toBeTruthy();
  });

  it('lists the wrong-answer book and starts a practice from it', async () => {
    render(<WrongBookPage />);
    expect(await screen.findByText('共 1 道错题')).toBeTruthy();
    expect(screen.getByText('答错 2 次')).toBeTruthy();
    expect(screen.getByText('已连续答对 1 次')).toBeTruthy();
    fireEvent.click(screen.getByText('开始错题练习'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/study/pages/practice/index?kind=wrong' });
  });
});
