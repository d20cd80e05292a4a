/**
 * The one error type pages see. `status` is the HTTP status (0 when the request never
 * got an answer); `code` is the API's stable code; `message` is Chinese, ready to show.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** For a validation error: every problem, by field, to show beside the field. */
  readonly details: ReadonlyArray<{ field: string; message: string }>;

  constructor(status: number, code: string, message: string, details: Array<{ field: string; message: string }> = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export const NETWORK_ERROR = 'NETWORK_ERROR';
export const TIMEOUT = 'TIMEOUT';
export const UNEXPECTED_RESPONSE = 'UNEXPECTED_RESPONSE';

/** 401 codes after which the stored session is useless and the user must sign in again. */
export const SESSION_ENDED_CODES: readonly string[] = ['UNAUTHENTICATED', 'SESSION_EXPIRED', 'ACCOUNT_DISABLED'];

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** A Chinese message for anything thrown, for callers that catch more than ApiError. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return '出了点问题，请稍后重试';
}
