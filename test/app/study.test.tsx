import { render, screen } from '@testing-library/react';
import StudyPage from '../../src/pages/study/index';
import { ApiError } from '../../src/services/api-error';
import { fetchMyPoints } from '../../src/services/points';
import { myPoints } from './fixtures';

jest.mock('../../src/services/points');
const mockFetchMyPoints = fetchMyPoints as jest.MockedFunction<typeof fetchMyPoints>;

describe('study page', () => {
  it('says honestly that quizzes are coming and shows recent quiz points only', async () => {
    mockFetchMyPoints.mockResolvedValue(myPoints);
    render(<StudyPage />);

    expect(screen.getByText('线上答题、每日一练即将上线')).toBeTruthy();
    expect(await screen.findByText('党章知识测试')).toBeTruthy();
    expect(screen.getByText('+2 分')).toBeTruthy();
    expect(screen.queryByText('3月主题党日：学习党章')).toBeNull();
    expect(screen.queryByText('社区服务')).toBeNull();
  });

  it('tells an account outside any branch that it has no points, without a retry', async () => {
    mockFetchMyPoints.mockRejectedValue(new ApiError(403, 'FORBIDDEN_ROLE', '此操作仅限党员'));
    render(<StudyPage />);

    expect(await screen.findByText('您的账号不属于任何支部，没有个人积分记录。')).toBeTruthy();
    expect(screen.queryByText('重试')).toBeNull();
  });
});
