// One interface per table. Times are epoch milliseconds (bigint in PostgreSQL, parsed to
// number); calendar dates are 'YYYY-MM-DD' text; booleans are 0/1 integers on both dialects.
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** A nullable column that an insert may leave out. */
type Optional<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface OrgTable {
  id: Generated<number>;
  name: string;
  ranking_visibility: string;
  created_at: number;
}

export interface BranchTable {
  id: Generated<number>;
  org_id: number;
  name: string;
  created_at: number;
  /** Migration 0009: set when an empty branch is archived; it takes no new members. */
  archived_at: number | null;
  /** Migration 0013: 1 for the sandbox branch of the WeChat reviewer account (setup --reviewer). */
  sandbox: Generated<number>;
}

export interface MemberTable {
  id: Generated<number>;
  org_id: number;
  branch_id: number | null;
  name: string;
  phone: string | null;
  gender: string | null;
  political_status: string;
  employment: string;
  joined_party_on: string | null;
  active: number;
  created_at: number;
  /** The organisation's own number for the person (编号), unique per organisation. */
  external_no: Optional<string>;
  /** 职务 */
  title: Optional<string>;
  /** Migration 0009: why and when (YYYY-MM-DD) an inactive member left; null while active. */
  deactivated_on: string | null;
  deactivation_reason: string | null;
}

export interface RoleGrantTable {
  id: Generated<number>;
  member_id: number;
  org_id: number;
  role: string;
  branch_id: number | null;
  created_at: number;
}

export interface WechatBindingTable {
  openid: string;
  member_id: number;
  bound_at: number;
}

export interface InviteTable {
  id: Generated<number>;
  code: string;
  member_id: number;
  issued_by: number;
  expires_at: number;
  used_at: number | null;
  created_at: number;
}

export interface BindTicketTable {
  ticket_hash: string;
  openid: string;
  expires_at: number;
}

export interface SessionTable {
  token_hash: string;
  member_id: number;
  created_at: number;
  expires_at: number;
  /** 'mini' (WeChat sign-in), 'web' (QR sign-in on a computer) or 'demo'. */
  kind: ColumnType<SessionKind, SessionKind | undefined, never>;
  web_ticket_id: string | null;
}

export type SessionKind = 'mini' | 'web' | 'demo';

/** A QR shown by a browser for the web console sign-in (see auth/web-login.ts). */
export interface WebLoginTicketTable {
  id: string;
  secret_hash: string;
  code_hash: string;
  browser: string;
  status: 'pending' | 'scanned' | 'confirmed' | 'refused' | 'delivered';
  member_id: number | null;
  created_at: number;
  expires_at: number;
  decided_at: number | null;
  delivered_at: number | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  org_id: number;
  actor_id: number | null;
  action: string;
  target_type: string;
  target_id: string;
  detail: string | null;
  created_at: number;
}

export interface PointsRuleSetTable {
  id: Generated<number>;
  org_id: number;
  version: number;
  rules: string;
  created_by: number | null;
  created_at: number;
  /** Epoch ms (00:00 China time of the chosen date) from which this version applies. */
  effective_from: Generated<number>;
}

export interface PointsLedgerTable {
  id: Generated<number>;
  org_id: number;
  branch_id: number | null;
  member_id: number;
  year: number;
  delta: number;
  capped_from: number | null;
  rule_code: string;
  cap_group: string;
  rule_version: number;
  source_type: string;
  source_id: string;
  reason: string | null;
  actor_id: number | null;
  reverses_entry_id: number | null;
  /** The entry this one corrects (a reversal, or an adjustment settling an objection); migration 0007. */
  corrects_entry_id: number | null;
  occurred_at: number;
  created_at: number;
}

export interface PointsTotalTable {
  member_id: number;
  year: number;
  org_id: number;
  branch_id: number | null;
  base: number;
  earned: number;
  updated_at: number;
}

export interface ActivityTable {
  id: Generated<number>;
  org_id: number;
  branch_id: number | null;
  type: string;
  title: string;
  topic: string;
  place: string;
  lat: number | null;
  lng: number | null;
  radius_m: number | null;
  starts_at: number;
  ends_at: number;
  checkin_opens_at: number;
  checkin_closes_at: number;
  late_after: number;
  status: string;
  secret: string;
  record: string | null;
  created_by: number | null;
  created_at: number;
  closed_at: number | null;
  cancel_reason: string | null;
  record_by: number | null;
  record_at: number | null;
}

export interface ActivityInviteeTable {
  activity_id: number;
  member_id: number;
}

export interface AttendanceTable {
  id: Generated<number>;
  activity_id: number;
  member_id: number;
  status: string;
  method: string | null;
  checked_in_at: number | null;
  note: string | null;
  marked_by: number | null;
  created_at: number;
  /** Volunteer activities: when the member checked out (or the secretary completed it). */
  checked_out_at: Optional<number>;
  /** Set when a secretary completed a missed check-out, with the reason. */
  checkout_by: Optional<number>;
  checkout_note: Optional<string>;
}

export interface LeaveRequestTable {
  id: Generated<number>;
  activity_id: number;
  member_id: number;
  reason: string;
  /** pending | approved | rejected */
  status: string;
  decided_by: number | null;
  decided_at: number | null;
  decision_note: string | null;
  created_at: number;
  updated_at: number;
}

/** Per activity: invitations and outcomes on record, kept by triggers (migration 0006). */
export interface ActivityTallyTable {
  activity_id: number;
  invited: number;
  present_n: number;
  late_n: number;
  leave_n: number;
}

export interface QuestionTable {
  id: Generated<number>;
  org_id: number;
  kind: string;
  stem: string;
  options: string;
  answer: string;
  explanation: string;
  tags: string;
  difficulty: number;
  source: string | null;
  created_at: number;
  archived_at: number | null;
  updated_at: number | null;
  /** Null: the org-wide bank, kept by the org admin. Else the branch whose secretary keeps it. */
  branch_id: number | null;
  /** The version new papers and practice draw; null only for rows written outside the bank functions. */
  current_version_id: number | null;
}

/** An immutable snapshot of what a question showed and how it was graded. */
export interface QuestionVersionTable {
  id: Generated<number>;
  question_id: number;
  kind: string;
  stem: string;
  options: string;
  answer: string;
  explanation: string;
  source: string | null;
  created_at: number;
  created_by: number | null;
}

export interface QuizTable {
  id: Generated<number>;
  org_id: number;
  branch_id: number | null;
  title: string;
  kind: string;
  question_ids: string;
  time_limit_minutes: number;
  pass_mark: number;
  opens_at: number;
  closes_at: number;
  created_by: number | null;
  created_at: number;
  draw_rule: string | null;
  max_attempts: Generated<number>;
}

export interface QuizAttemptTable {
  id: Generated<number>;
  quiz_id: number;
  member_id: number;
  score: number | null;
  passed: number | null;
  started_at: number;
  submitted_at: number | null;
  attempt_no: Generated<number>;
  deadline_at: number | null;
  paper: string | null;
  correct_count: number | null;
  flagged: Generated<number>;
  flag_reason: string | null;
}

export interface QuizAnswerTable {
  attempt_id: number;
  position: number;
  question_id: number;
  chosen: string;
  credit: number;
  version_id: number | null;
}

export interface WrongBookTable {
  member_id: number;
  question_id: number;
  misses: number;
  streak: number;
  last_missed_at: number;
  cleared_at: number | null;
  updated_at: number;
}

export interface PracticeSessionTable {
  id: Generated<number>;
  member_id: number;
  kind: string;
  day: string | null;
  created_at: number;
  completed_at: number | null;
}

export interface PracticeItemTable {
  session_id: number;
  position: number;
  question_id: number;
  option_order: string;
  chosen: string | null;
  correct: number | null;
  answered_at: number | null;
  version_id: number | null;
}

export interface VolunteerRecordTable {
  id: Generated<number>;
  org_id: number;
  branch_id: number | null;
  member_id: number;
  served_on: string;
  hours: number;
  category: string;
  place: string;
  description: string;
  status: string;
  reviewer_id: number | null;
  decided_at: number | null;
  reject_reason: string | null;
  created_at: number;
  /** 'self' (logged by the member) or 'activity' (hours from a volunteer activity's check-in/out). */
  source: Generated<string>;
  activity_id: number | null;
  updated_at: number | null;
  submissions: Generated<number>;
  reversal_reason: string | null;
  reversed_at: number | null;
  reversed_by: number | null;
}

export interface VolunteerPhotoTable {
  id: Generated<number>;
  org_id: number;
  member_id: number;
  record_id: number | null;
  file_name: string;
  mime: string;
  size: number;
  created_at: number;
}

export interface PointsObjectionTable {
  id: Generated<number>;
  org_id: number;
  branch_id: number | null;
  member_id: number;
  entry_id: number;
  reason: string;
  status: string;
  resolution_note: string | null;
  resolution_entry_id: number | null;
  resolved_by: number | null;
  resolved_at: number | null;
  created_at: number;
}

export interface PointsYearTable {
  org_id: number;
  year: number;
  closed_at: number;
  closed_by: number | null;
  published_at: number | null;
  published_by: number | null;
}

export interface PointsYearSnapshotTable {
  member_id: number;
  year: number;
  org_id: number;
  branch_id: number | null;
  base: number;
  earned: number;
  stars: number;
}

export interface RankingPreferenceTable {
  member_id: number;
  opt_in: number;
  updated_at: number;
}

export interface RankMemberTotalTable {
  member_id: number;
  /** 'y2026' or 'm2026-11' (CST). */
  period: string;
  org_id: number;
  branch_id: number | null;
  points: number;
  opt_in: number;
}

export interface RankCountTable {
  /** 'o<orgId>' or 'b<branchId>'. */
  scope: string;
  period: string;
  points: number;
  n: number;
}

/** One accepted one-time subscribe message (migration 0015, see notify/). */
export interface SubscriptionTable {
  id: Generated<number>;
  org_id: number;
  member_id: number;
  kind: SubscriptionKind;
  target_type: 'activity' | 'volunteer' | 'objection' | null;
  target_id: number | null;
  template_id: string;
  status: 'pending' | 'claimed' | 'sent' | 'refused' | 'failed' | 'expired' | 'withdrawn';
  created_at: number;
  claimed_at: number | null;
  finished_at: number | null;
}

export type SubscriptionKind = 'activity_reminder' | 'review_result' | 'new_quiz';

/** Every attempt to send a subscribe message, with WeChat's error when it failed. */
export interface SubscriptionSendTable {
  id: Generated<number>;
  subscription_id: number;
  member_id: number;
  kind: string;
  target_type: string | null;
  target_id: number | null;
  outcome: 'sent' | 'refused' | 'quota' | 'unavailable' | 'failed';
  errcode: number | null;
  errmsg: string | null;
  created_at: number;
}

/** Migration 0020: the first answer to an idempotent write, by member, route and client key. */
export interface IdempotencyKeyTable {
  member_id: number;
  route: string;
  key: string;
  request_hash: string;
  state: 'pending' | 'done';
  response_status: number | null;
  response_type: string | null;
  response_body: string | null;
  created_at: number;
  expires_at: number;
}

export interface Database {
  orgs: OrgTable;
  branches: BranchTable;
  members: MemberTable;
  role_grants: RoleGrantTable;
  wechat_bindings: WechatBindingTable;
  invites: InviteTable;
  bind_tickets: BindTicketTable;
  sessions: SessionTable;
  web_login_tickets: WebLoginTicketTable;
  idempotency_keys: IdempotencyKeyTable;
  audit_log: AuditLogTable;
  points_rule_sets: PointsRuleSetTable;
  points_ledger: PointsLedgerTable;
  points_totals: PointsTotalTable;
  activities: ActivityTable;
  activity_invitees: ActivityInviteeTable;
  attendance: AttendanceTable;
  leave_requests: LeaveRequestTable;
  activity_tallies: ActivityTallyTable;
  questions: QuestionTable;
  question_versions: QuestionVersionTable;
  quizzes: QuizTable;
  quiz_attempts: QuizAttemptTable;
  quiz_answers: QuizAnswerTable;
  wrong_book: WrongBookTable;
  practice_sessions: PracticeSessionTable;
  practice_items: PracticeItemTable;
  volunteer_records: VolunteerRecordTable;
  volunteer_photos: VolunteerPhotoTable;
  points_objections: PointsObjectionTable;
  points_years: PointsYearTable;
  points_year_snapshots: PointsYearSnapshotTable;
  ranking_preferences: RankingPreferenceTable;
  rank_member_totals: RankMemberTotalTable;
  rank_counts: RankCountTable;
  subscriptions: SubscriptionTable;
  subscription_sends: SubscriptionSendTable;
}

export type MemberRow = Selectable<MemberTable>;
export type NewMember = Insertable<MemberTable>;
export type LedgerRow = Selectable<PointsLedgerTable>;
export type NewLedgerEntry = Insertable<PointsLedgerTable>;
export type RoleGrantRow = Selectable<RoleGrantTable>;
export type QuestionRow = Selectable<QuestionTable>;
export type QuestionVersionRow = Selectable<QuestionVersionTable>;
export type QuizRow = Selectable<QuizTable>;
export type QuizAttemptRow = Selectable<QuizAttemptTable>;
