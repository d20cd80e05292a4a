// The only module that talks to the network. On the mini-program, axios reaches
// wx.request through the XMLHttpRequest shim of @tarojs/plugin-http.
import axios, { type AxiosRequestConfig, isAxiosError } from 'axios';
import Taro from '@tarojs/taro';
import type { ErrorBody } from '@contract';
import { ApiError, NETWORK_ERROR, SESSION_ENDED_CODES, TIMEOUT, UNEXPECTED_RESPONSE } from './api-error';
import { clearSession, sessionToken } from './session';
import { routes } from './routes';
import { showNotice } from '../utils/notice';
import { rememberReturnPage } from './return-to';

export interface RequestOptions {
  /** Do not toast the error: the caller shows it (an inline error with 重试, a form message). */
  silent?: boolean;
  /** Public routes (sign-in, health) send no token and need none. Default true. */
  auth?: boolean;
  /** The write's idempotency key (see write-once.ts): the server answers a repeat with the first answer. */
  idempotencyKey?: string;
}

const http = axios.create({
  baseURL: API_BASE,
  timeout: 15_000,
  headers: { Accept: 'application/json' },
});

export async function request<T>(config: AxiosRequestConfig, options: RequestOptions = {}): Promise<T> {
  const { silent = false, auth = true } = options;
  const headers: Record<string, string> = { ...(config.headers as Record<string, string> | undefined) };

  if (auth) {
    const token = sessionToken();
    if (!token) {
      // Nobody is signed in: asking the API would only earn the same 401.
      goToLogin();
      throw new ApiError(401, 'UNAUTHENTICATED', '请先登录');
    }
    headers.Authorization = `Bearer ${token}`;
  }
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;

  try {
    const response = await http.request<T>({ ...config, headers });
    return response.data;
  } catch (error) {
    const apiError = toApiError(error);
    if (apiError.status === 401 && SESSION_ENDED_CODES.includes(apiError.code)) {
      clearSession();
      // An ended session is explained on the sign-in page itself (登录已过期), not in a toast
      // that the page change would hide.
      const expired = apiError.code !== 'ACCOUNT_DISABLED';
      goToLogin(expired ? 'expired' : undefined);
      if (expired) throw apiError;
    }
    if (!silent) showError(apiError.message);
    throw apiError;
  }
}

export function get<T>(url: string, options?: RequestOptions): Promise<T> {
  return request<T>({ method: 'GET', url }, options);
}

export function post<T>(url: string, body?: unknown, options?: RequestOptions): Promise<T> {
  return request<T>({ method: 'POST', url, data: body ?? {} }, options);
}

export function put<T>(url: string, body?: unknown, options?: RequestOptions): Promise<T> {
  return request<T>({ method: 'PUT', url, data: body ?? {} }, options);
}

export function patch<T>(url: string, body?: unknown, options?: RequestOptions): Promise<T> {
  return request<T>({ method: 'PATCH', url, data: body ?? {} }, options);
}

export function del<T>(url: string, options?: RequestOptions): Promise<T> {
  return request<T>({ method: 'DELETE', url }, options);
}

/** A file the user picked: a path on the mini-program, a File in the H5 browser. */
export type PickedFile = { name: string; path: string } | { name: string; file: Blob };

/**
 * Uploads one file as multipart field `file`. The mini-program has no FormData (the
 * plugin-http shim has none), so it goes through Taro.uploadFile; H5 posts FormData.
 * Returns the parsed body for any status below 500 whose body is JSON, so a caller can
 * read a report that came with 422.
 */
export interface UploadOptions extends RequestOptions {
  /** Bytes sent so far as a fraction 0–1, as the platform reports them (a long import shows it). */
  onProgress?: (fraction: number) => void;
}

export async function upload<T>(
  url: string,
  picked: PickedFile,
  options: UploadOptions = {},
): Promise<{ status: number; body: T }> {
  const token = sessionToken();
  if (!token) {
    goToLogin();
    throw new ApiError(401, 'UNAUTHENTICATED', '请先登录');
  }
  let status: number;
  let raw: unknown;
  try {
    if ('file' in picked) {
      const form = new FormData();
      form.append('file', picked.file, picked.name);
      const response = await http.request({
        method: 'POST',
        url,
        data: form,
        headers: { Authorization: `Bearer ${token}` },
        validateStatus: (code) => code < 500,
        onUploadProgress: options.onProgress
          ? (event) => {
              if (event.total) options.onProgress?.(Math.min(1, event.loaded / event.total));
            }
          : undefined,
      });
      status = response.status;
      raw = response.data;
    } else {
      const task = Taro.uploadFile({
        url: `${API_BASE}${url}`,
        filePath: picked.path,
        name: 'file',
        header: { Authorization: `Bearer ${token}` },
      });
      if (options.onProgress) {
        const report = options.onProgress;
        task.onProgressUpdate?.((update) => report(Math.min(1, update.progress / 100)));
      }
      const response = await task;
      status = response.statusCode;
      raw = typeof response.data === 'string' ? JSON.parse(response.data) : response.data;
    }
  } catch (error) {
    const apiError = toApiError(error);
    if (!options.silent) showError(apiError.message);
    throw apiError;
  }
  const body = parseErrorBody(raw);
  if (status >= 400 && status !== 422) {
    const apiError = new ApiError(status, body?.code ?? `HTTP_${status}`, body?.message ?? fallbackMessage(status));
    if (!options.silent) showError(apiError.message);
    throw apiError;
  }
  return { status, body: raw as T };
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (!isAxiosError(error)) return new ApiError(0, UNEXPECTED_RESPONSE, '出了点问题，请稍后重试');

  const response = error.response;
  if (!response) {
    if (error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT') {
      return new ApiError(0, TIMEOUT, '网络超时，请检查网络后重试');
    }
    return new ApiError(0, NETWORK_ERROR, '网络连接失败，请检查网络后重试');
  }

  const body = parseErrorBody(response.data);
  if (body) return new ApiError(response.status, body.code, body.message, body.details);
  return new ApiError(response.status, `HTTP_${response.status}`, fallbackMessage(response.status));
}

function parseErrorBody(data: unknown): ErrorBody | null {
  let value = data;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return null;
    }
  }
  if (typeof value !== 'object' || value === null) return null;
  const { code, message, details } = value as Partial<ErrorBody>;
  if (typeof code !== 'string' || typeof message !== 'string' || message === '') return null;
  const listed = Array.isArray(details)
    ? details.filter((d) => typeof d?.field === 'string' && typeof d?.message === 'string')
    : undefined;
  return { code, message, ...(listed ? { details: listed } : {}) };
}

function fallbackMessage(status: number): string {
  if (status === 401) return '请先登录';
  if (status === 403) return '没有权限进行此操作';
  if (status === 404) return '请求的内容不存在';
  if (status === 429) return '操作太频繁，请稍后再试';
  if (status >= 500) return '服务暂时不可用，请稍后重试';
  return '请求没有成功，请稍后重试';
}

function showError(message: string): void {
  void showNotice(message, { duration: 2500 });
}

let redirectingToLogin = false;

/**
 * Sends the user to sign in, once, however many requests fail together; the page they were on
 * is opened again after signing in. `expired`: a session that had been working ended, and the
 * sign-in page says so (登录已过期).
 */
export function goToLogin(reason?: 'expired'): void {
  if (redirectingToLogin || isOnLoginPage()) return;
  redirectingToLogin = true;
  rememberReturnPage();
  Promise.resolve(Taro.reLaunch({ url: reason ? `${routes.login}?reason=${reason}` : routes.login }))
    .catch(() => undefined)
    .finally(() => {
      redirectingToLogin = false;
    });
}

function isOnLoginPage(): boolean {
  const pages = Taro.getCurrentPages();
  const current = pages[pages.length - 1];
  return current?.route ? `/${current.route.replace(/^\//, '')}`.startsWith(routes.login) : false;
}

/**
 * Downloads a file the API generates (the ledger XLSX) and opens or saves it: on the
 * mini-program `Taro.downloadFile` then `Taro.openDocument`; on H5 a browser download.
 */
export async function download(url: string, fileName: string): Promise<void> {
  const token = sessionToken();
  if (!token) {
    goToLogin();
    throw new ApiError(401, 'UNAUTHENTICATED', '请先登录');
  }
  if (process.env.TARO_ENV === 'h5') {
    try {
      const response = await http.request<Blob>({
        method: 'GET',
        url,
        responseType: 'blob',
        headers: { Authorization: `Bearer ${token}` },
      });
      const href = URL.createObjectURL(response.data);
      const link = document.createElement('a');
      link.href = href;
      link.download = fileName;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(href), 60_000);
      return;
    } catch (error) {
      // An error body arrives as a Blob too: read it so the user gets the API's message.
      const response = isAxiosError(error) ? error.response : undefined;
      if (response && response.data instanceof Blob) response.data = await response.data.text();
      const apiError = toApiError(error);
      showError(apiError.message);
      throw apiError;
    }
  }
  // Saved under its own name, so the file keeps it when it is opened, forwarded or saved
  // (a temporary path would be named like tmp_a1b2c3.xlsx).
  const filePath = `${Taro.env.USER_DATA_PATH}/${safeFileName(fileName)}`;
  let result: Taro.downloadFile.FileSuccessCallbackResult;
  try {
    result = await Taro.downloadFile({
      url: `${API_BASE}${url}`,
      header: { Authorization: `Bearer ${token}` },
      filePath,
    });
  } catch {
    // On the mini-program a failed download rejects with a bare errMsg: say what happened.
    const apiError = new ApiError(0, NETWORK_ERROR, '下载没有成功，请检查网络后重试');
    showError(apiError.message);
    throw apiError;
  }
  if (result.statusCode !== 200) {
    const apiError = new ApiError(
      result.statusCode,
      `HTTP_${result.statusCode}`,
      `下载没有成功：${fallbackMessage(result.statusCode)}`,
    );
    showError(apiError.message);
    throw apiError;
  }
  try {
    await Taro.openDocument({ filePath: result.filePath || filePath, fileType: 'xlsx', showMenu: true });
  } catch {
    const apiError = new ApiError(0, UNEXPECTED_RESPONSE, '文件已下载，但没能打开，请稍后重试');
    showError(apiError.message);
    throw apiError;
  }
}

/** A file name WeChat's file system accepts: no path separators or characters it refuses. */
export function safeFileName(name: string): string {
  const cleaned = name.replace(/[\\/:*?"<>|\s]+/g, '_').replace(/^\.+/, '');
  return cleaned || 'download.xlsx';
}
