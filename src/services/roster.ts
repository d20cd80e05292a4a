import type { InviteSheet, RosterImportReport } from '@contract';
import { download, get, post, upload, type PickedFile, type RequestOptions } from './request';

/** Fraction of the file sent (0–1), from the platform's upload progress. */
export type UploadProgress = (fraction: number) => void;

/** Where a roster import goes: the whole organisation (org admin) or one branch. */
export type RosterTarget = { orgId: number } | { branchId: number };

const base = (target: RosterTarget) =>
  'orgId' in target ? `/api/orgs/${target.orgId}/members` : `/api/branches/${target.branchId}/members`;

export const downloadRosterTemplate = (target: RosterTarget, format: 'xlsx' | 'csv') =>
  download(`${base(target)}/template?format=${format}`, `党员名册导入模板.${format}`);

/** A dry run (nothing written) or the confirmed import; a refused file comes back with 422 and its report. */
export const importRoster = (
  target: RosterTarget,
  file: PickedFile,
  mode: { dryRun: boolean; skipInvalid?: boolean },
  onProgress?: UploadProgress,
) =>
  upload<RosterImportReport>(
    `${base(target)}/import?dryRun=${mode.dryRun}${mode.skipInvalid ? '&skipInvalid=true' : ''}`,
    file,
    { silent: true, onProgress },
  );

/** Unbound members of the branch with their still-valid codes; issues nothing. */
export const fetchInviteSheet = (branchId: number, options?: RequestOptions) =>
  get<InviteSheet>(`/api/branches/${branchId}/invite-sheet`, options);

/** New codes for every unbound member of the branch; earlier codes stop working. */
export const issueInviteSheet = (branchId: number) =>
  post<InviteSheet>(`/api/branches/${branchId}/invite-sheet`, undefined, { silent: true });
