// Proof photos (optional, at most 3 a record): checked by content, not by name, and
// stored under the uploads directory with a random name.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import { badRequest } from '../errors.js';

export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
const ACCEPTED: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

export async function storePhoto(dir: string, bytes: Buffer): Promise<{ fileName: string; mime: string }> {
  if (bytes.length === 0) throw badRequest('PHOTO_EMPTY', '照片文件是空的');
  const type = await fileTypeFromBuffer(bytes);
  const ext = type ? ACCEPTED[type.mime] : undefined;
  if (!type || !ext) throw badRequest('PHOTO_TYPE', '只能上传 JPG、PNG 或 WebP 格式的照片');
  await fs.mkdir(dir, { recursive: true });
  const fileName = `${randomUUID()}.${ext}`;
  await fs.writeFile(path.join(dir, fileName), bytes, { flag: 'wx' });
  return { fileName, mime: type.mime };
}

export function photoPath(dir: string, fileName: string): string {
  // Names are ours (uuid.ext), but never let a stored name leave the directory.
  return path.join(dir, path.basename(fileName));
}
