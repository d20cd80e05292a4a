import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { __mock } from './mocks/taro';
import type { MyVolunteer, VolunteerRecord } from '@contract';
import VolunteerPage from '../../src/pages/volunteer/index';
import VolunteerLogPage from '../../src/packages/volunteer/pages/log/index';
import { ApiError } from '../../src/services/api-error';
import { fetchMe } from '../../src/services/me';
import { uploadVolunteerPhoto } from '../../src/services/volunteer';
import * as volunteerService from '../../src/services/volunteer';
import { member, secretary, session } from './fixtures';

jest.mock('../../src/services/me');
const mockFetchMe = fetchMe as jest.MockedFunction<typeof fetchMe>;

const record = (over: Partial<VolunteerRecord>): VolunteerRecord => ({
  id: 1,
  member: { id: member.id, name: member.name },
  branchId: 11,
  servedOn: '2026-11-20',
  hours: 2,
  category: '社区服务',
  place: '和平社区',
  description: '清理楼道小广告',
  photos: [],
  status: 'approved',
  source: 'self',
  rejectReason: null,
  reversalReason: null,
  reviewer: { id: 100, name: '王秀英' },
  decidedAt: '2026-11-21T09:00:00.000+08:00',
  points: 2,
  pointsNote: null,
  submissions: 1,
  createdAt: '2026-11-20T18:00:00.000+08:00',
  ...over,
});

const mine: MyVolunteer = {
  year: 2026,
  approvedHours: 2,
  pendingHours: 1.5,
  records: [
    record({ id: 2, status: 'rejected', hours: 1.5, category: '助老助残', rejectReason: '地点不清楚', points: null }),
    record({ id: 1 }),
  ],
};

describe('volunteer tab', () => {
  let spy: jest.SpyInstance;
  afterEach(() => spy.mockRestore());

  it("shows this year's hours and every record with its state, and opens the log form", async () => {
    spy = jest.spyOn(volunteerService, 'fetchMyVolunteer').mockResolvedValue(mine);
    mockFetchMe.mockResolvedValue(member);
    render(<VolunteerPage />);
    expect(await screen.findByText('2026年志愿服务')).toBeTruthy();
    expect(screen.getByText('1.5')).toBeTruthy();
    expect(screen.getByText('已退回')).toBeTruthy();
    expect(screen.getByText(/退回原因：地点不清楚/)).toBeTruthy();
    expect(screen.getByText(/积分 \+2/)).toBeTruthy();
    expect(screen.queryByText('审核志愿服务')).toBeNull();
    fireEvent.click(screen.getByText('登记志愿服务'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/volunteer/pages/log/index' });
    fireEvent.click(screen.getByText('助老助残 1.5 小时'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/volunteer/pages/record/index?id=2' });
  });

  it('says why an approved record earned +0', async () => {
    spy = jest.spyOn(volunteerService, 'fetchMyVolunteer').mockResolvedValue({
      ...mine,
      records: [record({ id: 3, points: 0, pointsNote: '志愿服务年度上限 8 分已用满' })],
    });
    mockFetchMe.mockResolvedValue(member);
    render(<VolunteerPage />);
    expect(await screen.findByText(/积分 \+0（志愿服务年度上限 8 分已用满）/)).toBeTruthy();
  });

  it('gives a secretary the way to the review', async () => {
    spy = jest.spyOn(volunteerService, 'fetchMyVolunteer').mockResolvedValue({ ...mine, records: [] });
    mockFetchMe.mockResolvedValue(secretary);
    render(<VolunteerPage />);
    expect(await screen.findByText('今年还没有志愿服务记录')).toBeTruthy();
    expect(await screen.findByText('审核志愿服务')).toBeTruthy();
  });

  it('offers 重试 when the records could not be loaded', async () => {
    spy = jest
      .spyOn(volunteerService, 'fetchMyVolunteer')
      .mockRejectedValue(new ApiError(0, 'NETWORK_ERROR', '网络连接失败，请检查网络后重试'));
    mockFetchMe.mockResolvedValue(member);
    render(<VolunteerPage />);
    expect(await screen.findByText('网络连接失败，请检查网络后重试')).toBeTruthy();
    expect(screen.getByText('重试')).toBeTruthy();
  });
});

describe('log form', () => {
  let create: jest.SpyInstance;
  let upload: jest.SpyInstance;
  afterEach(() => {
    create.mockRestore();
    upload.mockRestore();
  });

  it('sends the record with half-hour steps, the category and the uploaded photo', async () => {
    create = jest.spyOn(volunteerService, 'createVolunteerRecord').mockResolvedValue(record({ status: 'pending' }));
    upload = jest
      .spyOn(volunteerService, 'uploadVolunteerPhoto')
      .mockResolvedValue({ id: 7, url: '/api/volunteer/photos/7', size: 100, mime: 'image/jpeg' });
    (Taro.chooseMedia as jest.Mock).mockResolvedValue({
      tempFiles: [{ tempFilePath: 'wxfile://tmp/a.jpg' }],
      type: 'image',
    });
    render(<VolunteerLogPage />);
    fireEvent.click(screen.getByText('减半小时'));
    fireEvent.click(screen.getByText('应急救灾'));
    fireEvent.change(screen.getByPlaceholderText('如：和平社区三号楼'), { target: { value: '河堤' } });
    fireEvent.change(screen.getByPlaceholderText('做了什么，服务了谁'), { target: { value: '防汛巡堤' } });
    fireEvent.click(screen.getByText('添加照片'));
    await screen.findByText('移除');
    fireEvent.click(screen.getByText('提交审核'));
    await waitFor(() => expect(create).toHaveBeenCalled());
    expect(create.mock.calls[0]![0]).toEqual({
      servedOn: '2026-11-22',
      hours: 1.5,
      category: '应急救灾',
      place: '河堤',
      description: '防汛巡堤',
      photoIds: [7],
    });
    expect(upload).toHaveBeenCalledWith('wxfile://tmp/a.jpg');
    expect(Taro.chooseMedia).toHaveBeenCalledWith(expect.objectContaining({ mediaType: ['image'] }));
    await waitFor(() => expect(Taro.navigateBack).toHaveBeenCalled());
    // Ten characters: WeChat would cut them beside a success icon.
    expect(Taro.showToast).toHaveBeenCalledWith(
      expect.objectContaining({ title: '已提交，等待书记审核', icon: 'none' }),
    );
  });

  it("shows the API's reason when the record is refused, and stays on the form", async () => {
    create = jest
      .spyOn(volunteerService, 'createVolunteerRecord')
      .mockRejectedValue(
        new ApiError(400, 'DAILY_HOURS_EXCEEDED', '2026-11-22 已登记 11 小时，同一天合计不能超过 12 小时'),
      );
    upload = jest.spyOn(volunteerService, 'uploadVolunteerPhoto');
    render(<VolunteerLogPage />);
    fireEvent.click(screen.getByText('提交审核'));
    expect(await screen.findByText('请填写服务地点（至少 2 个字）')).toBeTruthy();
    expect(create).not.toHaveBeenCalled();
    fireEvent.change(screen.getByPlaceholderText('如：和平社区三号楼'), { target: { value: '和平社区' } });
    fireEvent.change(screen.getByPlaceholderText('做了什么，服务了谁'), { target: { value: '清理小广告' } });
    fireEvent.click(screen.getByText('提交审核'));
    expect(await screen.findByText('2026-11-22 已登记 11 小时，同一天合计不能超过 12 小时')).toBeTruthy();
    expect(Taro.navigateBack).not.toHaveBeenCalled();
  });
});

describe('correcting a rejected record', () => {
  it('shows why it was returned and resubmits the corrected record', async () => {
    __mock.setRoute('packages/volunteer/pages/log/index', { id: '2' });
    const rejected = record({ id: 2, status: 'rejected', rejectReason: '地点不清楚', points: null });
    const fetchOne = jest.spyOn(volunteerService, 'fetchVolunteerRecord').mockResolvedValue(rejected);
    const update = jest
      .spyOn(volunteerService, 'updateVolunteerRecord')
      .mockResolvedValue({ ...rejected, status: 'pending', submissions: 2 });
    render(<VolunteerLogPage />);
    expect(await screen.findByText('退回原因：地点不清楚')).toBeTruthy();
    fireEvent.change(screen.getByPlaceholderText('如：和平社区三号楼'), { target: { value: '和平社区三号楼' } });
    fireEvent.click(screen.getByText('重新提交'));
    await waitFor(() => expect(update).toHaveBeenCalled());
    expect(update.mock.calls[0]![0]).toBe(2);
    expect(update.mock.calls[0]![1]).toMatchObject({ place: '和平社区三号楼', hours: 2, servedOn: '2026-11-20' });
    fetchOne.mockRestore();
    update.mockRestore();
  });
});

describe('photo upload through Taro.uploadFile', () => {
  beforeEach(() => {
    __mock.storage.set('xf.session', session);
  });

  it('sends the file with the session and returns the stored photo', async () => {
    (Taro.uploadFile as jest.Mock).mockResolvedValue({
      statusCode: 200,
      data: JSON.stringify({ id: 9, url: '/api/volunteer/photos/9', size: 10, mime: 'image/png' }),
    });
    const photo = await uploadVolunteerPhoto('wxfile://tmp/b.png');
    expect(photo.id).toBe(9);
    expect(Taro.uploadFile).toHaveBeenCalledWith(
      expect.objectContaining({
        url: 'https://api.xianfeng.test/api/volunteer/photos',
        filePath: 'wxfile://tmp/b.png',
        name: 'file',
        header: { Authorization: 'Bearer token-abc' },
      }),
    );
  });

  it("turns a refusal into the API's Chinese message", async () => {
    (Taro.uploadFile as jest.Mock).mockResolvedValue({
      statusCode: 413,
      data: JSON.stringify({ code: 'PHOTO_TOO_LARGE', message: '照片不能超过 5 MB' }),
    });
    await expect(uploadVolunteerPhoto('wxfile://tmp/big.jpg')).rejects.toMatchObject({
      status: 413,
      code: 'PHOTO_TOO_LARGE',
      message: '照片不能超过 5 MB',
    });
  });
});
