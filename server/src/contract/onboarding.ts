// The org admin's first-run checklist (管理 → 开通向导): each step's state comes from the
// organisation's own rows, never from a flag the admin ticks.
import { Type, type Static } from 'typebox';
import { Id } from './common.js';

const BranchNamed = Type.Object({ id: Id, name: Type.String() });

export const Onboarding = Type.Object({
  /** Every step is done: the app folds the checklist away. */
  done: Type.Boolean(),
  /** Live branches, the reviewer's sandbox branch left out. */
  branches: Type.Object({ done: Type.Boolean(), count: Type.Integer() }),
  /** Active members in those branches; which branches have none yet. */
  roster: Type.Object({ done: Type.Boolean(), members: Type.Integer(), emptyBranches: Type.Array(BranchNamed) }),
  /** Branches with members but no 书记. */
  secretaries: Type.Object({ done: Type.Boolean(), missing: Type.Array(BranchNamed) }),
  /**
   * Members who have bound WeChat, and members with neither a binding nor a code that still
   * works (`pendingBranches`: where they are, for the invite sheet).
   */
  invites: Type.Object({
    done: Type.Boolean(),
    bound: Type.Integer(),
    withoutCode: Type.Integer(),
    pendingBranches: Type.Array(BranchNamed),
  }),
  /** The points rules were published or confirmed by an org admin (not just set up by `setup`). */
  rules: Type.Object({ done: Type.Boolean(), reviewedAt: Type.Union([Type.String(), Type.Null()]) }),
});
export type Onboarding = Static<typeof Onboarding>;
