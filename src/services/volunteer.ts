import Taro from '@tarojs/taro';
import type {
  MyVolunteer,
  UploadedPhoto,
  VolunteerRecord,
  VolunteerRecordBody,
  VolunteerRecordList,
  VolunteerStatus,
} from '@contract';
import { ApiError, NETWORK_ERROR, UNEXPECTED_RESPONSE } from './api-error';
import { get, goToLogin, post, type RequestOptions } from './request';
import { sessionToken } from './session';
import { writeOnce, type WriteControl } from './write-once';

export function fetchMyVolunteer(options?: RequestOptions): Promise<MyVolunteer> {
  return get<MyVolunteer>('/api/me/volunteer', options);
}

export function fetchVolunteerRecord(id: number, options?: RequestOptions): Promise<VolunteerRecord> {
  return get<VolunteerRecord>(`/api/volunteer/records/${id}`, options);
}

export function createVolunteerRecord(
  body: VolunteerRecordBody,
  write?: Partial<WriteControl>,
): Promise<VolunteerRecord> {
  return writeOnce<VolunteerRecord>({ method: 'POST', url: '/api/volunteer/records', data: body }, write);
}

/** Corrects a pending record, or resubmits a rejected one. */
export function updateVolunteerRecord(
  id: number,
  body: VolunteerRecordBody,
  write?: Partial<WriteControl>,
): Promise<VolunteerRecord> {
  return writeOnce<VolunteerRecord>({ method: 'PUT', url: `/api/volunteer/records/${id}`, data: body }, write);
}

export function fetchBranchVolunteer(
  branchId: number,
  status: VolunteerStatus,
  options?: RequestOptions,
): Promise<VolunteerRecordList> {
  return get<VolunteerRecordList>(`/api/branches/${branchId}/volunteer/records?status=${status}`, options);
}

export function approveVolunteerRecord(id: number): Promise<VolunteerRecord> {
  return post<VolunteerRecord>(`/api/volunteer/records/${id}/approve`);
}

export function rejectVolunteerRecord(id: number, reason: string): Promise<VolunteerRecord> {
  return post<VolunteerRecord>(`/api/volunteer/records/${id}/reject`, { reason });
}

export function reverseVolunteerRecord(id: number, reason: string): Promise<VolunteerRecord> {
  return post<VolunteerRecord>(`/api/volunteer/records/${id}/reverse`, { reason });
}

function authHeader(): Record<string, string> {
  const token = sessionToken();
  if (!token) {
    goToLogin();
    throw new ApiError(401, 'UNAUTHENTICATED', '请先登录');
  }
  return { Authorization: `Bearer ${token}` };
}

/**
 * Uploads one chosen photo. Taro.uploadFile, not axios: the mini-program's request shim
 * has no FormData, and uploadFile streams the file from its temp path.
 */
export async function uploadVolunteerPhoto(filePath: string): Promise<UploadedPhoto> {
  if (process.env.TARO_ENV === 'h5') await checkPickedImage(filePath);
  let result: Taro.uploadFile.SuccessCallbackResult;
  try {
    result = await Taro.uploadFile({
      url: `${API_BASE}/api/volunteer/photos`,
      filePath,
      name: 'file',
      header: authHeader(),
    });
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError(0, NETWORK_ERROR, '照片上传失败，请检查网络后重试');
  }
  let body: unknown;
  try {
    body = typeof result.data === 'string' ? JSON.parse(result.data) : result.data;
  } catch {
    throw new ApiError(result.statusCode, UNEXPECTED_RESPONSE, '照片上传失败，请重试');
  }
  if (result.statusCode !== 200) {
    const { code, message } = (body ?? {}) as { code?: string; message?: string };
    throw new ApiError(result.statusCode, code ?? UNEXPECTED_RESPONSE, message ?? '照片上传失败，请重试');
  }
  return body as UploadedPhoto;
}

export const PHOTO_UNREADABLE = 'PHOTO_UNREADABLE';
export const PHOTO_NOT_IMAGE = 'PHOTO_NOT_IMAGE';

/**
 * H5: a browser lets the member pick any file. Read it first, so a file that cannot be read,
 * or is not a picture, is explained instead of failing as a "network" error or silently.
 */
export async function checkPickedImage(filePath: string): Promise<void> {
  let blob: Blob;
  try {
    const response = await fetch(filePath);
    blob = await response.blob();
  } catch {
    throw new ApiError(0, PHOTO_UNREADABLE, '这个文件无法读取，请换一张照片再试');
  }
  if (blob.size === 0) throw new ApiError(0, PHOTO_UNREADABLE, '这个文件是空的，无法读取，请换一张照片再试');
  if (blob.type && !blob.type.startsWith('image/')) {
    throw new ApiError(0, PHOTO_NOT_IMAGE, '只能上传照片（JPG、PNG 等图片），这个文件不是图片');
  }
}

/** Photos need the session: download with the header and show the local copy. */
export async function downloadPhoto(url: string): Promise<string> {
  const result = await Taro.downloadFile({ url: `${API_BASE}${url}`, header: authHeader() });
  if (result.statusCode !== 200) throw new ApiError(result.statusCode, 'PHOTO_UNAVAILABLE', '照片无法显示');
  return result.tempFilePath;
}
