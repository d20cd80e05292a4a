// A quiz's managers: edit it before anyone attempts it, extend it, close it early (asked first,
// with what happens to attempts in progress), and see who has not taken it.
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { ManagedQuiz, QuizNotTaken } from '@contract';
import { __mock } from './mocks/taro';
import { secretary } from './fixtures';
import ManageQuizPage from '../../src/packages/study/pages/manage-quiz/index';
import ManageQuizNewPage from '../../src/packages/study/pages/manage-quiz-new/index';
import * as quiz from '../../src/services/quiz';
import { fetchMe } from '../../src/services/me';

jest.mock('../../src/services/quiz');
jest.mock('../../src/services/me');
const api = quiz as jest.Mocked<typeof quiz>;

const managed: ManagedQuiz = {
  id: 7,
  title: '党章知识测试',
  kind: 'exam',
  branch: { id: 11, name: '机关第一党支部' },
  questionCount: 3,
  questionIds: [1, 2, 3],
  draw: null,
  timeLimitMinutes: 20,
  passMark: 60,
  maxAttempts: 2,
  opensAt: '2026-11-20T09:00:00.000+08:00',
  closesAt: '2026-11-30T18:00:00.000+08:00',
  status: 'open',
  attempts: 0,
};

const notTaken: QuizNotTaken = {
  audience: 12,
  taken: 10,
  members: [
    { id: 31, name: '张建国', branch: { id: 11, name: '机关第一党支部' }, inProgress: true },
    { id: 32, name: '李秀兰', branch: { id: 11, name: '机关第一党支部' }, inProgress: false },
  ],
};

beforeEach(() => {
  __mock.reset();
  (fetchMe as jest.Mock).mockResolvedValue(secretary);
  api.fetchManagedQuizzes.mockResolvedValue([managed]);
  api.fetchQuizNotTaken.mockResolvedValue(notTaken);
  api.fetchQuestions.mockResolvedValue({ items: [], total: 0, tags: [] });
  api.closeQuiz.mockResolvedValue({ ...managed, status: 'closed' });
  api.extendQuiz.mockResolvedValue(managed);
  api.updateQuiz.mockResolvedValue(managed);
  __mock.setRoute('packages/study/pages/manage-quiz/index', { quizId: '7' });
});

describe('a quiz for its managers', () => {
  it('offers editing while nobody has attempted it, and lists who has not taken it', async () => {
    render(<ManageQuizPage />);
    expect(await screen.findByText('还没有人作答，可以修改题目和规则。')).toBeTruthy();
    expect(await screen.findByText('尚未参加（2 人）')).toBeTruthy();
    expect(screen.getByText('应参加 12 人，已交卷 10 人。')).toBeTruthy();
    expect(screen.getByText('张建国')).toBeTruthy();
    expect(screen.getByText('作答中')).toBeTruthy();
    fireEvent.click(screen.getByText('修改答题'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/study/pages/manage-quiz-new/index?quizId=7' });
  });

  it('once attempted, says the paper is fixed and offers no editing', async () => {
    api.fetchManagedQuizzes.mockResolvedValue([{ ...managed, attempts: 3 }]);
    render(<ManageQuizPage />);
    expect(await screen.findByText('已有 3 份答卷，题目和规则不能再修改。')).toBeTruthy();
    expect(screen.queryByText('修改答题')).toBeNull();
  });

  it('closing early asks first, says running attempts may still be submitted, and does nothing when declined', async () => {
    render(<ManageQuizPage />);
    fireEvent.click(await screen.findByText('提前结束'));
    await waitFor(() => expect(Taro.showModal).toHaveBeenCalled());
    const modal = (Taro.showModal as jest.Mock).mock.calls[0][0];
    expect(modal.content).toContain('正在作答的党员仍可在本人的答题时限内交卷');
    expect(modal.cancelText).toBe('不结束');
    await waitFor(() => expect(api.closeQuiz).toHaveBeenCalledWith(7));

    api.closeQuiz.mockClear();
    (Taro.showModal as jest.Mock).mockResolvedValueOnce({ confirm: false, cancel: true });
    fireEvent.click(screen.getByText('提前结束'));
    await waitFor(() => expect(Taro.showModal).toHaveBeenCalledTimes(2));
    expect(api.closeQuiz).not.toHaveBeenCalled();
  });

  it('extends to the chosen date at 23:59 China time; a closed quiz is reopened', async () => {
    render(<ManageQuizPage />);
    fireEvent.click(await screen.findByText('延长到 2026-12-07'));
    await waitFor(() => expect(api.extendQuiz).toHaveBeenCalledWith(7, { closesAt: '2026-12-07T23:59:59.000+08:00' }));
  });

  it('offers quick picks for the new deadline instead of a long scroll', async () => {
    render(<ManageQuizPage />);
    fireEvent.click(await screen.findByText('延后 14 天'));
    fireEvent.click(await screen.findByText('延长到 2026-12-14'));
    await waitFor(() => expect(api.extendQuiz).toHaveBeenCalledWith(7, { closesAt: '2026-12-14T23:59:59.000+08:00' }));
  });

  it('a closed quiz offers no early close, and its extension reads as reopening', async () => {
    api.fetchManagedQuizzes.mockResolvedValue([{ ...managed, status: 'closed', attempts: 5 }]);
    render(<ManageQuizPage />);
    expect(await screen.findByText('重新开放到 2026-12-07')).toBeTruthy();
    expect(screen.queryByText('提前结束')).toBeNull();
  });
});

describe('editing a quiz', () => {
  it('fills the form with the quiz and saves it, keeping its opening and closing times', async () => {
    __mock.setRoute('packages/study/pages/manage-quiz-new/index', { quizId: '7' });
    render(<ManageQuizNewPage />);
    const title = await screen.findByDisplayValue('党章知识测试');
    fireEvent.change(title, { target: { value: '党章知识测试（修订）' } });
    fireEvent.click(screen.getByText('保存修改'));
    await waitFor(() => expect(api.updateQuiz).toHaveBeenCalled());
    const [id, body] = api.updateQuiz.mock.calls[0]!;
    expect(id).toBe(7);
    expect(body).toMatchObject({
      title: '党章知识测试（修订）',
      branchId: 11,
      questionIds: [1, 2, 3],
      passMark: 60,
      maxAttempts: 2,
      opensAt: managed.opensAt,
      closesAt: managed.closesAt,
    });
    expect(api.createQuiz).not.toHaveBeenCalled();
  });
});
