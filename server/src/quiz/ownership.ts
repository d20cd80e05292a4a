// Who owns what in the question bank and among quizzes. Pure functions of the actor and the
// row's owner columns, so the routes, the services and the guard ask the same question.
//
// - An org-wide question (branch_id null) belongs to the org admin: only the admin of its org
//   adds, edits, archives or imports such questions. Every manager of the org reads them to
//   compose quizzes.
// - A branch question belongs to its branch: that branch's secretary and the org admin keep it;
//   other branches do not see it.
// - A quiz for the whole org is created by the org admin; a branch quiz by that branch's
//   secretary or the org admin. A quiz uses org-wide questions and those of its own branch.
import type { Actor } from '../auth/actor.js';
import { managesBranch } from '../auth/actor.js';
import { AppError, forbidden } from '../errors.js';

/** The owner columns of a question or a quiz. */
export interface Owned {
  org_id: number;
  /** Null: the whole organisation. */
  branch_id: number | null;
}

const isManager = (actor: Actor) => actor.isOrgAdmin || actor.managerOf.length > 0;

/** May the actor read this question, answer included? */
export function mayReadQuestion(actor: Actor, question: Owned): boolean {
  if (actor.orgId !== question.org_id || !isManager(actor)) return false;
  return question.branch_id === null || managesBranch(actor, { id: question.branch_id, org_id: question.org_id });
}

/** May the actor edit or archive this question (or add one with these owner columns)? */
export function mayEditQuestion(actor: Actor, question: Owned): boolean {
  if (actor.orgId !== question.org_id) return false;
  return question.branch_id === null
    ? actor.isOrgAdmin
    : managesBranch(actor, { id: question.branch_id, org_id: question.org_id });
}

/** Why someone who may read a question may not change it, as the app shows it. */
export function questionKeeper(question: Owned, branchName: string | null): string {
  return question.branch_id === null ? '本题由组织管理员维护' : `本题由${branchName ?? '所属支部'}书记维护`;
}

/** The refusal for someone who may not read a question. */
export const questionOutOfScope = () => forbidden('只能查看全单位和本支部的题目', 'FORBIDDEN_SCOPE');

/** The refusal for someone who may read a question but not change it, saying who keeps it. */
export const questionNotOwned = (question: Owned) =>
  new AppError(
    403,
    'QUESTION_NOT_OWNED',
    question.branch_id === null
      ? '本题属于全单位题库，由组织管理员维护；支部书记可以选用，也可以新增本支部的题目'
      : '本题属于其他支部，只能由该支部书记或组织管理员修改',
  );

/**
 * The branch a new question (or an import) belongs to. The org admin adds to the org-wide bank
 * unless naming a branch; a secretary adds to the branch they keep (naming it when they keep several).
 */
export function ownerForNewQuestion(actor: Actor, requested: number | null | undefined): Owned {
  if (requested === undefined) {
    if (actor.isOrgAdmin) return { org_id: actor.orgId, branch_id: null };
    if (actor.managerOf.length === 1) return { org_id: actor.orgId, branch_id: actor.managerOf[0]! };
    throw new AppError(400, 'BRANCH_REQUIRED', '您负责多个支部，请选择题目所属的支部');
  }
  const owner = { org_id: actor.orgId, branch_id: requested };
  if (!mayEditQuestion(actor, owner)) {
    throw new AppError(
      403,
      'FORBIDDEN_SCOPE',
      requested === null ? '全单位题库由组织管理员维护，支部书记只能新增本支部的题目' : '只能为本支部新增题目',
    );
  }
  return owner;
}

/** May the actor create (or change) this quiz? */
export function mayManageQuiz(actor: Actor, quiz: Owned): boolean {
  return mayEditQuestion(actor, quiz);
}

/** May this question appear in this quiz (fixed paper or draw)? */
export function questionFitsQuiz(question: Owned, quiz: Owned): boolean {
  return question.org_id === quiz.org_id && (question.branch_id === null || question.branch_id === quiz.branch_id);
}
