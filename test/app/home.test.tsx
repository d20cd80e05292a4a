import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import HomePage from '../../src/pages/index/index';
import { fetchMe } from '../../src/services/me';
import { ApiError } from '../../src/services/api-error';
import { member, orgAdmin, secretary } from './fixtures';

jest.mock('../../src/services/me');
const mockFetchMe = fetchMe as jest.MockedFunction<typeof fetchMe>;

describe('home page', () => {
  it("greets the member by name and shows the branch, this year's points and stars", async () => {
    mockFetchMe.mockResolvedValue(member);
    const { container } = render(<HomePage />);

    expect(await screen.findByText(/李建华/)).toBeTruthy();
    expect(screen.getByText('机关第一党支部')).toBeTruthy();
    expect(screen.getByText('2026年积分')).toBeTruthy();
    expect(screen.getByText('78')).toBeTruthy();
    expect(screen.getByLabelText('星级：2星')).toBeTruthy();
    expect(container.querySelector('.xf-star-level__stars--on')?.textContent).toBe('★★');
    expect(screen.getByText('再得 2 分可升为三星')).toBeTruthy();
    expect(screen.queryByText('进入管理')).toBeNull();
  });

  it('opens the points rules', async () => {
    mockFetchMe.mockResolvedValue(member);
    render(<HomePage />);

    fireEvent.click(await screen.findByText('怎样获得积分'));

    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/points/pages/rules/index' });
  });

  it('offers management to a secretary', async () => {
    mockFetchMe.mockResolvedValue(secretary);
    render(<HomePage />);

    fireEvent.click(await screen.findByText('进入管理'));

    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/manage/pages/index/index' });
  });

  it('says so when the account has no personal points', async () => {
    mockFetchMe.mockResolvedValue(orgAdmin);
    render(<HomePage />);

    expect(await screen.findByText('您的账号不属于任何支部，没有个人积分记录。')).toBeTruthy();
    expect(screen.getByText('示例市机关党委')).toBeTruthy();
    // An org admin is told where their work is, and the way there is the 管理 section below.
    expect(
      screen.getByText('签到、答题、志愿服务和个人积分只面向支部党员；您作为组织管理员的工作都在“管理”里。'),
    ).toBeTruthy();
    expect(screen.getAllByText('进入管理')).toHaveLength(1);
  });

  it('shows a failed load with 重试 instead of spinning, and recovers', async () => {
    mockFetchMe.mockRejectedValueOnce(new ApiError(0, 'NETWORK_ERROR', '网络连接失败，请检查网络后重试'));
    mockFetchMe.mockResolvedValueOnce(member);
    render(<HomePage />);

    expect(await screen.findByText('网络连接失败，请检查网络后重试')).toBeTruthy();
    expect(screen.queryByText('正在加载…')).toBeNull();

    fireEvent.click(screen.getByText('重试'));

    expect(await screen.findByText('78')).toBeTruthy();
    expect(mockFetchMe).toHaveBeenCalledTimes(2);
  });
});
