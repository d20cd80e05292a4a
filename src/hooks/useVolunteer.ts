import type { MyVolunteer, VolunteerRecord, VolunteerRecordList, VolunteerStatus } from '@contract';
import { fetchBranchVolunteer, fetchMyVolunteer, fetchVolunteerRecord } from '../services/volunteer';
import { type AsyncState, useAsync } from './useAsync';

/** This year's volunteer hours and records of the signed-in member. */
export function useMyVolunteer(enabled = true): AsyncState<MyVolunteer> {
  return useAsync(() => fetchMyVolunteer({ silent: true }), { enabled });
}

/** One record; waits until the id is known. */
export function useVolunteerRecord(id: number | null): AsyncState<VolunteerRecord> {
  return useAsync(() => fetchVolunteerRecord(id as number, { silent: true }), { enabled: id !== null, key: id });
}

/** A branch's records in one state, for the secretary. */
export function useBranchVolunteer(branchId: number | null, status: VolunteerStatus): AsyncState<VolunteerRecordList> {
  return useAsync(() => fetchBranchVolunteer(branchId as number, status, { silent: true }), {
    enabled: branchId !== null,
    key: `${branchId}:${status}`,
  });
}
