// The HTTP side of table files, shared by the question and roster routes: one uploaded file per
// request under a size limit, and a file sent back as a download with its Chinese name intact.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError, badRequest } from '../errors.js';
import { MIME, type FileFormat } from '../lib/table-file.js';

export const MAX_FILE_BYTES = 2 * 1024 * 1024;
/** Options for @fastify/multipart, registered in each route plugin that takes a file. */
export const MULTIPART_LIMITS = { limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 5 } };
export const FileBody = Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'XLSX 或 CSV 文件' });

/** The one uploaded file's bytes; 400 without one, 413 beyond the limit. */
export async function uploadedFile(request: FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart()) throw badRequest('FILE_REQUIRED', '请上传 XLSX 或 CSV 文件');
  const part = await request.file();
  if (!part) throw badRequest('FILE_REQUIRED', '请上传 XLSX 或 CSV 文件');
  try {
    return await part.toBuffer();
  } catch {
    throw new AppError(413, 'FILE_TOO_LARGE', `文件不能超过 ${MAX_FILE_BYTES / 1024 / 1024} MB`);
  }
}

export const sendFile = (reply: FastifyReply, format: FileFormat, name: string, file: Buffer) =>
  reply
    .header('content-type', MIME[format])
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${name}.${format}`)}`)
    .send(file);
