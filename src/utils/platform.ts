/**
 * Subscribe messages (消息提醒) exist only in the WeChat mini-program; the H5 app hides their
 * buttons and says where to set them. Read at call time, so tests can switch platforms.
 */
export function subscribeAvailable(): boolean {
  return process.env.TARO_ENV === 'weapp';
}
