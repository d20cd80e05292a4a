import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { Question } from '@contract';
import { __mock } from './mocks/taro';
import ManageBankPage from '../../src/packages/study/pages/manage-bank/index';
import ManageQuestionPage from '../../src/packages/study/pages/manage-question/index';
import { fetchMe } from '../../src/services/me';
import { fetchQuestion, fetchQuestions, updateQuestion } from '../../src/services/quiz';
import { orgAdmin, secretary } from './fixtures';

const branch1 = { id: 3, name: '机关第一党支部' };

jest.mock('../../src/services/me');
jest.mock('../../src/services/quiz');
const mocked = <T extends (...args: never[]) => unknown>(fn: T) => fn as unknown as jest.MockedFunction<T>;

const orgWide: Question = {
  id: 11,
  kind: 'single',
  stem: '申请入党的人，要有几名正式党员作介绍人？',
  options: ['一名', '两名', '三名'],
  answer: [1],
  explanation: '《中国共产党章程》第五条。',
  tags: ['党章'],
  difficulty: 1,
  source: null,
  branch: null,
  editable: false,
  readOnlyReason: '本题由组织管理员维护',
};
const own: Question = {
  ...orgWide,
  id: 12,
  stem: '本支部的题目：支部党员大会一般每季度召开几次？',
  branch: { id: branch1.id, name: branch1.name },
  editable: true,
  readOnlyReason: null,
};

beforeEach(() => {
  __mock.reset();
  mocked(fetchMe).mockResolvedValue(secretary);
  mocked(fetchQuestions).mockResolvedValue({ items: [own, orgWide], total: 2, tags: [{ tag: '党章', count: 2 }] });
});

describe('question bank for a secretary', () => {
  it('marks org-wide questions as kept by the org admin and offers a branch question', async () => {
    render(<ManageBankPage />);
    expect(await screen.findByText('本题由组织管理员维护，可选用，不能修改')).toBeTruthy();
    expect(screen.getByText('点按可修改或停用')).toBeTruthy();
    expect(screen.getByText('全单位')).toBeTruthy();
    expect(await screen.findByText('新增本支部题目')).toBeTruthy();
    fireEvent.click(screen.getByText('新增本支部题目'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/study/pages/manage-question/index' });
  });

  it('opens an org-wide question read-only: the reason, no save and no archive', async () => {
    __mock.setRoute('packages/study/pages/manage-question/index', { id: '11' });
    mocked(fetchQuestion).mockResolvedValue(orgWide);
    render(<ManageQuestionPage />);
    expect(await screen.findByText('本题由组织管理员维护')).toBeTruthy();
    expect(screen.getByText(/如需修改，请联系组织管理员/)).toBeTruthy();
    expect(screen.getByText(orgWide.stem)).toBeTruthy();
    expect(screen.queryByText('保存')).toBeNull();
    expect(screen.queryByText('停用这道题')).toBeNull();
  });

  it('edits an own branch question and sends only the question fields', async () => {
    __mock.setRoute('packages/study/pages/manage-question/index', { id: '12' });
    mocked(fetchQuestion).mockResolvedValue(own);
    mocked(updateQuestion).mockResolvedValue(own);
    render(<ManageQuestionPage />);
    expect(await screen.findByText(`本题属于${branch1.name}`)).toBeTruthy();
    expect(screen.getByText('停用这道题')).toBeTruthy();
    fireEvent.click(screen.getByText('保存'));
    await screen.findByText('保存');
    expect(updateQuestion).toHaveBeenCalledWith(12, {
      kind: 'single',
      stem: own.stem,
      options: own.options,
      answer: own.answer,
      explanation: own.explanation,
      tags: own.tags,
      difficulty: 1,
      source: null,
    });
  });
});

describe('question bank for the org admin', () => {
  it('adds to the org-wide bank', async () => {
    mocked(fetchMe).mockResolvedValue(orgAdmin);
    render(<ManageBankPage />);
    expect(await screen.findByText(/全单位题库由您维护/)).toBeTruthy();
    expect(screen.getByText('新增题目')).toBeTruthy();
  });
});
