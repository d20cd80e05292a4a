// Puts the test on the mini-program's transport before axios loads: no browser
// XMLHttpRequest, no fetch, only @tarojs/plugin-http's XMLHttpRequest shim, which
// calls Taro.request (wx.request). Import this first in a test file.
import './weapp-globals';
import { XMLHttpRequest as TaroXMLHttpRequest } from '@tarojs/plugin-http/dist/runtime';
import Taro from '@tarojs/taro';

export { TaroXMLHttpRequest };

(globalThis as Record<string, unknown>).XMLHttpRequest = TaroXMLHttpRequest;

export interface WxRequestOptions {
  url: string;
  method: string;
  data: unknown;
  header: Record<string, string>;
  success: (result: { data: unknown; statusCode: number; header: Record<string, string> }) => void;
  fail: (error: { errMsg: string }) => void;
  complete: () => void;
}

export const wxRequest = Taro.request as unknown as jest.Mock<{ abort: () => void }, [WxRequestOptions]>;

/** The next wx.request answers with this status and JSON body (as text, as wx.request returns it). */
export function respondWith(statusCode: number, body?: unknown): void {
  wxRequest.mockImplementationOnce((options) => {
    setTimeout(() => {
      options.success({
        data: body === undefined ? '' : JSON.stringify(body),
        statusCode,
        header: { 'content-type': 'application/json; charset=utf-8' },
      });
      options.complete();
    }, 0);
    return { abort: () => undefined };
  });
}

/** The next wx.request fails without an answer (no network). */
export function failWith(errMsg: string): void {
  wxRequest.mockImplementationOnce((options) => {
    setTimeout(() => {
      options.fail({ errMsg });
      options.complete();
    }, 0);
    return { abort: () => undefined };
  });
}
