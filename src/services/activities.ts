import type {
  ActivityDetail,
  ActivityInput,
  ActivityRoster,
  AttendanceStatus,
  CheckInDisplay,
  CheckInResult,
  CheckOutResult,
  CheckOutRoster,
  CompleteCheckOutBody,
  CreateActivityBody,
  LeaveRequest,
  ManagedActivities,
  MyActivities,
} from '@contract';
import { writeOnce, type WriteControl } from './write-once';
import { del, get, post, request, type RequestOptions } from './request';

function put<T>(url: string, body: unknown, options?: RequestOptions): Promise<T> {
  return request<T>({ method: 'PUT', url, data: body }, options);
}

/** The member's own activities: upcoming, or those of a past year with a tally. */
export function fetchMyActivities(
  when: 'upcoming' | 'past',
  year?: number,
  options?: RequestOptions,
): Promise<MyActivities> {
  return get<MyActivities>(`/api/me/activities?when=${when}${year ? `&year=${year}` : ''}`, options);
}

export function fetchActivity(id: number, options?: RequestOptions): Promise<ActivityDetail> {
  return get<ActivityDetail>(`/api/activities/${id}`, options);
}

/** Check in with the scanned QR token or the typed 6-digit code (and a location when the activity asks for one). */
export function checkIn(
  id: number,
  proof: { token?: string; code?: string; lat?: number; lng?: number },
  write?: Partial<WriteControl>,
): Promise<CheckInResult> {
  return writeOnce<CheckInResult>({ method: 'POST', url: `/api/activities/${id}/checkin`, data: proof }, write);
}

/** Volunteer activities: check out at the end with the same rotating code (QR token or 6 digits). */
export function checkOut(
  id: number,
  proof: { token?: string; code?: string },
  options?: RequestOptions,
): Promise<CheckOutResult> {
  return post<CheckOutResult>(`/api/activities/${id}/checkout`, proof, options);
}

/** For a manager: who checked in to a volunteer activity, who checked out, and the hours. */
export function fetchCheckOuts(id: number, options?: RequestOptions): Promise<CheckOutRoster> {
  return get<CheckOutRoster>(`/api/activities/${id}/checkouts`, options);
}

/** A manager completes a member's missed check-out, with the time and a note. */
export function completeCheckOut(
  id: number,
  memberId: number,
  body: CompleteCheckOutBody,
  options?: RequestOptions,
): Promise<CheckOutResult> {
  return post<CheckOutResult>(`/api/activities/${id}/attendance/${memberId}/checkout`, body, options);
}

export function askForLeave(id: number, reason: string, write?: Partial<WriteControl>): Promise<LeaveRequest> {
  return writeOnce<LeaveRequest>({ method: 'POST', url: `/api/activities/${id}/leave`, data: { reason } }, write);
}

/** Takes back the member's own leave request while it waits for the secretary. */
export function withdrawLeave(activityId: number, requestId: number, options?: RequestOptions): Promise<void> {
  return del<void>(`/api/activities/${activityId}/leave-requests/${requestId}`, options);
}

/** A branch's activities for its secretary or the org admin; `orgId` lists the whole organisation. */
export function fetchManagedActivities(
  scope: { branchId: number } | { orgId: number },
  options?: RequestOptions,
): Promise<ManagedActivities> {
  const url =
    'branchId' in scope ? `/api/branches/${scope.branchId}/activities` : `/api/orgs/${scope.orgId}/activities`;
  return get<ManagedActivities>(url, options);
}

export function createActivity(
  scope: { branchId: number } | { orgId: number },
  body: CreateActivityBody,
  options?: RequestOptions,
): Promise<ActivityDetail> {
  const url =
    'branchId' in scope ? `/api/branches/${scope.branchId}/activities` : `/api/orgs/${scope.orgId}/activities`;
  return post<ActivityDetail>(url, body, options);
}

export function updateActivity(id: number, body: ActivityInput, options?: RequestOptions): Promise<ActivityDetail> {
  return put<ActivityDetail>(`/api/activities/${id}`, body, options);
}

export function cancelActivity(id: number, reason: string, options?: RequestOptions): Promise<ActivityDetail> {
  return post<ActivityDetail>(`/api/activities/${id}/cancel`, { reason }, options);
}

export function fetchCheckInDisplay(id: number, options?: RequestOptions): Promise<CheckInDisplay> {
  return get<CheckInDisplay>(`/api/activities/${id}/display`, options);
}

export function fetchActivityRoster(id: number, options?: RequestOptions): Promise<ActivityRoster> {
  return get<ActivityRoster>(`/api/activities/${id}/roster`, options);
}

export function markAttendance(
  id: number,
  memberId: number,
  status: AttendanceStatus,
  note?: string,
  options?: RequestOptions,
): Promise<ActivityRoster> {
  return put<ActivityRoster>(
    `/api/activities/${id}/attendance/${memberId}`,
    note ? { status, note } : { status },
    options,
  );
}

/** Approves, or rejects with the reason the member will read (the API refuses a rejection without one). */
export function decideLeave(
  id: number,
  requestId: number,
  decision: { approve: true } | { approve: false; note: string },
  options?: RequestOptions,
): Promise<ActivityRoster> {
  return post<ActivityRoster>(`/api/activities/${id}/leave-requests/${requestId}/decision`, decision, options);
}

export function closeActivity(id: number, options?: RequestOptions): Promise<ActivityDetail> {
  return post<ActivityDetail>(`/api/activities/${id}/close`, {}, options);
}

export function saveMeetingRecord(id: number, record: string, options?: RequestOptions): Promise<ActivityDetail> {
  return put<ActivityDetail>(`/api/activities/${id}/record`, { record }, options);
}
