// Domain errors: each carries an HTTP status, a stable code and a Chinese message.
// The app's single error handler turns them into `{ code, message }`.
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: Array<{ field: string; message: string }>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (code: string, message: string) => new AppError(400, code, message);
export const unauthenticated = (message = '请先登录', code = 'UNAUTHENTICATED') => new AppError(401, code, message);
export const forbidden = (message = '没有权限进行此操作', code = 'FORBIDDEN') => new AppError(403, code, message);
export const notFound = (what: string, code = 'NOT_FOUND') => new AppError(404, code, `${what}不存在`);
export const conflict = (code: string, message: string) => new AppError(409, code, message);
