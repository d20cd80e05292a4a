import type { PendingItem } from '@contract';
import { routes } from '../../../../services/routes';

export type PendingKind = 'leave' | 'volunteer' | 'objections';

/** The page where a secretary decides a waiting item: the activity's roster, or the review pages. */
export function pendingActionUrl(kind: PendingKind, item: PendingItem): string | null {
  switch (kind) {
    case 'leave':
      return item.activityId === undefined ? null : `${routes.activityRoster}?id=${item.activityId}`;
    case 'volunteer':
      return routes.volunteerReview;
    case 'objections':
      return routes.objectionsReview;
  }
}
