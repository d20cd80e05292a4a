import type { PendingItem } from '@contract';

export type PendingKind = 'leave' | 'volunteer' | 'objections';

/**
 * The page where a secretary decides a waiting item. The approval pages belong to the
 * check-in, volunteer and points features; until they are merged there is nothing to open,
 * and the item is listed without a link.
 */
export function pendingActionUrl(_kind: PendingKind, _item: PendingItem): string | null {
  return null;
}
