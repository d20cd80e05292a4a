import { render, screen } from '@testing-library/react';
import VolunteerPage from '../../src/pages/volunteer/index';
import { ApiError } from '../../src/services/api-error';
import { fetchMyPoints } from '../../src/services/points';
import { myPoints } from './fixtures';

jest.mock('../../src/services/points');
const mockFetchMyPoints = fetchMyPoints as jest.MockedFunction<typeof fetchMyPoints>;

describe('volunteer page', () => {
  it('says honestly that volunteer records are coming and shows recent volunteer points only', async () => {
    mockFetchMyPoints.mockResolvedValue(myPoints);
    render(<VolunteerPage />);

    expect(screen.getByText('志愿服务登记即将上线')).toBeTruthy();
    expect(await screen.findByText('社区服务')).toBeTruthy();
    expect(screen.queryByText('党章知识测试')).toBeNull();
  });

  it('offers 重试 when the points could not be loaded', async () => {
    mockFetchMyPoints.mockRejectedValue(new ApiError(0, 'NETWORK_ERROR', '网络连接失败，请检查网络后重试'));
    render(<VolunteerPage />);

    expect(await screen.findByText('网络连接失败，请检查网络后重试')).toBeTruthy();
    expect(screen.getByText('重试')).toBeTruthy();
  });
});
