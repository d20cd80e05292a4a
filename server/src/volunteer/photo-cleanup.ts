// Photos leave storage when nothing needs them any more: at once when the member removes one
// from a record, and, for uploads never attached to a record (a form abandoned after the
// upload), after a day. The row goes first, in its own conditional DELETE, and the file only
// when that DELETE removed the row: a photo attached in the meantime is kept, and two
// processes sweeping at once never both claim a file.
import fs from 'node:fs/promises';
import type { Db } from '../db/index.js';
import { photoPath } from './photos.js';

const DAY = 86_400_000;
/** How old an unattached upload must be before the sweep removes it. */
export const LOOSE_PHOTO_MAX_AGE_MS = DAY;
/** How often the in-process sweep runs. */
export const SWEEP_EVERY_MS = 3_600_000;

/** Removes stored files; one already gone is not an error. */
export async function deletePhotoFiles(dir: string, fileNames: string[]): Promise<void> {
  for (const name of fileNames) {
    try {
      await fs.unlink(photoPath(dir, name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

/** Deletes uploads older than a day that are on no record; returns how many it removed. */
export async function sweepLoosePhotos(db: Db, dir: string, now = Date.now()): Promise<number> {
  const stale = await db
    .selectFrom('volunteer_photos')
    .select(['id', 'file_name'])
    .where('record_id', 'is', null)
    .where('created_at', '<', now - LOOSE_PHOTO_MAX_AGE_MS)
    .orderBy('id')
    .limit(500)
    .execute();
  let removed = 0;
  for (const photo of stale) {
    const gone = await db
      .deleteFrom('volunteer_photos')
      .where('id', '=', photo.id)
      .where('record_id', 'is', null)
      .executeTakeFirst();
    if (Number(gone.numDeletedRows) !== 1) continue;
    await deletePhotoFiles(dir, [photo.file_name]);
    removed += 1;
  }
  return removed;
}

/**
 * Runs the sweep now and then every hour in this process, one run at a time; a failed run is
 * logged and the next one tries again. Returns the function that stops it.
 */
export function startPhotoSweep(
  db: Db,
  dir: string,
  log: { warn: (obj: unknown, msg: string) => void; info: (obj: unknown, msg: string) => void },
  every = SWEEP_EVERY_MS,
): () => void {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const removed = await sweepLoosePhotos(db, dir);
      if (removed > 0) log.info({ removed }, 'swept unattached volunteer photos');
    } catch (error) {
      log.warn({ err: error }, 'volunteer photo sweep failed');
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void run(), 5_000);
  const timer = setInterval(() => void run(), every);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
