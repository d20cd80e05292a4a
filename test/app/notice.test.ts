import Taro from '@tarojs/taro';
import { showNotice } from '../../src/utils/notice';

const toast = Taro.showToast as jest.Mock;
const modal = Taro.showModal as jest.Mock;

describe('showNotice', () => {
  it('keeps the success icon only for text WeChat shows whole beside it (7 characters)', async () => {
    await showNotice('已保存', { success: true });
    expect(toast).toHaveBeenLastCalledWith({ title: '已保存', icon: 'success' });
    await showNotice('已提交，等待书记审核', { success: true });
    expect(toast).toHaveBeenLastCalledWith({ title: '已提交，等待书记审核', icon: 'none' });
    expect(modal).not.toHaveBeenCalled();
  });

  it('shows longer text in a modal, whole', async () => {
    const long = '本次活动需要确认位置，请允许获取位置后再签到；也可以请书记在签到名册上为您登记。';
    await showNotice(long, { duration: 2500 });
    expect(toast).not.toHaveBeenCalled();
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ content: long, showCancel: false }));
  });

  it('never throws when the toast cannot show', async () => {
    toast.mockRejectedValueOnce(new Error('page gone'));
    await expect(showNotice('网络连接失败')).resolves.toBeUndefined();
  });
});
