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
  fetchDailyPracticeStatus,
  fetchMyQuizzes,
  fetchWrongBook,
  fetchWrongBookQuestion,
  openDailyPractice,
  startAttempt,
  submitAttempt,
} from '../../src/services/quiz';
import { fetchMe } from '../../src/services/me';
import { myPoints, orgAdmin } from './fixtures';
import { dailySession, doneQuiz, openQuiz, paper, result, wrongBook, wrongBookQuestion } from './quiz-fixtures';

jest.mock('../../src/services/points');
jest.mock('../../src/services/quiz');
jest.mock('../../src/services/me');
const mocked = <T extends (...args: never[]) => unknown>(fn: T) => fn as unknown as jest.MockedFunction<T>;

beforeEach(() => {
  __mock.reset();
  mocked(fetchMyPoints).mockResolvedValue(myPoints);
  mocked(fetchMyQuizzes).mockResolvedValue([openQuiz, doneQuiz]);
  mocked(fetchWrongBook).mockResolvedValue(wrongBook);
  mocked(fetchDailyPracticeStatus).mockResolvedValue(notStarted);
});

const notStarted = {
  day: '2026-11-30',
  started: false,
  completed: false,
  answered: 0,
  total: 0,
  correctCount: 0,
};

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

  it('says 今日已完成 once today’s practice is done, and how far it got before that', async () => {
    mocked(fetchDailyPracticeStatus).mockResolvedValue({
      ...notStarted,
      started: true,
      completed: true,
      answered: 5,
      total: 5,
      correctCount: 4,
    });
    const done = render(<StudyPage />);
    expect(await screen.findByText('今日已完成')).toBeTruthy();
    expect(screen.queryByText('开始今日练习')).toBeNull();
    expect(screen.getByText(/今天答对 4 \/ 5 题/)).toBeTruthy();
    done.unmount();

    mocked(fetchDailyPracticeStatus).mockResolvedValue({ ...notStarted, started: true, answered: 2, total: 5 });
    render(<StudyPage />);
    expect(await screen.findByText('继续今日练习（已答 2 / 5 题）')).toBeTruthy();
  });

  it('tells an account outside any branch that it has no points, without a retry', async () => {
    mocked(fetchMyPoints).mockRejectedValue(new ApiError(403, 'FORBIDDEN_ROLE', '此操作仅限党员'));
    render(<StudyPage />);
    expect(await screen.findByText('您的账号不属于任何支部，没有个人积分记录。')).toBeTruthy();
    expect(screen.queryByText('重试')).toBeNull();
  });

  it('tells an org admin outside any branch where their work is, with the way to 管理', async () => {
    mocked(fetchMyPoints).mockRejectedValue(new ApiError(403, 'FORBIDDEN_ROLE', '此操作仅限党员'));
    mocked(fetchMe).mockResolvedValue(orgAdmin);
    render(<StudyPage />);
    expect(
      await screen.findByText('签到、答题、志愿服务和个人积分只面向支部党员；您作为组织管理员的工作都在“管理”里。'),
    ).toBeTruthy();
    fireEvent.click(screen.getByText('进入管理'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/manage/pages/index/index' });
  });
});

describe('attempt page', () => {
  it('keeps answers across a reload, jumps with the answer sheet, confirms and submits by position', async () => {
    __mock.setRoute('packages/study/pages/attempt/index', { quizId: '7' });
    mocked(startAttempt).mockResolvedValue(paper);
    mocked(submitAttempt).mockResolvedValue(result);
    const first = render(<AttemptPage />);
    fireEvent.click(await screen.findByText('开始答题'));
    expect(await screen.findByText(/申请入党的人/)).toBeTruthy();
    expect(screen.getByText('剩余 20:00')).toBeTruthy();
    fireEvent.click(screen.getByText('两名'));
    expect(screen.getByText('已选')).toBeTruthy();
    expect(screen.getByText('第 1 / 3 题 · 已答 1 题')).toBeTruthy();
    first.unmount();

    // The page is opened again (a reload): the attempt is running, so it resumes at once with
    // the same paper and the answer still there.
    mocked(fetchMyQuizzes).mockResolvedValue([{ ...openQuiz, attemptsUsed: 1, inProgressAttemptId: 70 }]);
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
    mocked(fetchMyQuizzes).mockResolvedValue([{ ...openQuiz, attemptsUsed: 1, inProgressAttemptId: 70 }]);
    render(<AttemptPage />);
    for (let i = 0; i < 5; i++) {
      await act(async () => {
        await Promise.resolve();
      });
    }
    expect(screen.getByText('剩余 00:02')).toBeTruthy();
    await act(async () => {
      jest.advanceTimersByTime(3000);
    });
    jest.useRealTimers();
    await waitFor(() => expect(submitAttempt).toHaveBeenCalledWith(70, { answers: [] }, expect.anything()));
    expect(Taro.showModal).not.toHaveBeenCalled();
  });

  it('shows a start screen first: the clock starts only on 开始答题', async () => {
    __mock.setRoute('packages/study/pages/attempt/index', { quizId: '7' });
    mocked(startAttempt).mockResolvedValue(paper);
    mocked(fetchMyQuizzes).mockResolvedValue([{ ...openQuiz, maxAttempts: 2 }]);
    render(<AttemptPage />);
    expect(await screen.findByText('开始答题')).toBeTruthy();
    expect(screen.getByText('11月党章党规综合测试')).toBeTruthy();
    expect(screen.getByText('3 道')).toBeTruthy();
    expect(screen.getByText('20 分钟')).toBeTruthy();
    expect(screen.getByText('60 分（满分 100 分）')).toBeTruthy();
    expect(screen.getByText('还剩 2 次（共 2 次）')).toBeTruthy();
    expect(startAttempt).not.toHaveBeenCalled();
    expect(screen.queryByText(/剩余 \d/)).toBeNull();
    fireEvent.click(screen.getByText('开始答题'));
    expect(await screen.findByText('剩余 20:00')).toBeTruthy();
    expect(startAttempt).toHaveBeenCalledWith(7);
  });

  it('warns before the last attempt', async () => {
    __mock.setRoute('packages/study/pages/attempt/index', { quizId: '7' });
    render(<AttemptPage />);
    expect(await screen.findByText(/这是您最后一次作答机会/)).toBeTruthy();
    expect(screen.getByText('还剩 1 次（共 1 次）')).toBeTruthy();
  });

  it('explains why a quiz cannot be taken, on the start screen or when the server refuses', async () => {
    __mock.setRoute('packages/study/pages/attempt/index', { quizId: '7' });
    mocked(fetchMyQuizzes).mockResolvedValue([{ ...openQuiz, attemptsUsed: 1, lastSubmittedAttemptId: 70 }]);
    const usedUp = render(<AttemptPage />);
    expect(await screen.findByText('每人最多作答 1 次，您的作答次数已用完')).toBeTruthy();
    expect(screen.queryByText('开始答题')).toBeNull();
    usedUp.unmount();

    mocked(fetchMyQuizzes).mockResolvedValue([openQuiz]);
    mocked(startAttempt).mockRejectedValue(new ApiError(409, 'QUIZ_CLOSED', '答题已截止'));
    render(<AttemptPage />);
    fireEvent.click(await screen.findByText('开始答题'));
    expect(await screen.findByText('答题已截止')).toBeTruthy();
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
    // The right answer is said in words, not by colour alone.
    expect(screen.getAllByText('正确答案').length).toBeGreaterThan(0);
    expect(screen.getAllByText('你的答案').length).toBeGreaterThan(0);
    expect(screen.getAllByText(/^正确答案：/)).toHaveLength(3);
    expect(screen.getAllByText(/^你的答案：/)).toHaveLength(3);
    // Missed questions went into the wrong-answer book: the page leads there.
    fireEvent.click(screen.getByText(/去错题本看 1 道错题/));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/study/pages/wrong-book/index' });
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
    expect(screen.getByText('正确答案：正确')).toBeTruthy();
    expect(screen.getByText('你的答案：正确')).toBeTruthy();
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

  it('opens a missed question to its right answer and explanation', async () => {
    render(<WrongBookPage />);
    expect(await screen.findByText('看答案和解析 ▼')).toBeTruthy();
    expect(screen.queryByText(/党章第四十二条/)).toBeNull();
    mocked(fetchWrongBookQuestion).mockResolvedValue(wrongBookQuestion);
    fireEvent.click(screen.getByText('对党员的纪律处分种类包括（ ）。'));
    expect(await screen.findByText('党章第四十二条：警告、严重警告、撤销党内职务、留党察看、开除党籍。')).toBeTruthy();
    expect(fetchWrongBookQuestion).toHaveBeenCalledWith(2, { silent: true });
    expect(screen.getByText('正确答案：A、B、D')).toBeTruthy();
    expect(screen.getAllByText('正确答案')).toHaveLength(3);
    // Nothing was chosen here: no 你的答案 line.
    expect(screen.queryByText(/你的答案/)).toBeNull();
    fireEvent.click(screen.getByText('收起 ▲'));
    expect(screen.queryByText(/党章第四十二条/)).toBeNull();
  });

  it('keeps the answer hidden while an exam holding the question runs', async () => {
    mocked(fetchWrongBookQuestion).mockRejectedValue(
      new ApiError(409, 'ANSWER_HIDDEN_DURING_EXAM', '这道题在您正在作答的考试中，交卷后再看答案和解析'),
    );
    render(<WrongBookPage />);
    fireEvent.click(await screen.findByText('对党员的纪律处分种类包括（ ）。'));
    expect(await screen.findByText('这道题在您正在作答的考试中，交卷后再看答案和解析')).toBeTruthy();
    expect(screen.queryByText(/^正确答案/)).toBeNull();
  });
});
