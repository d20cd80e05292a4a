import type { RulesAdmin } from '@contract';
import { fetchRulesAdmin } from '../services/points-rules';
import { type AsyncState, useAsync } from './useAsync';

export function useRulesAdmin(orgId: number | null): AsyncState<RulesAdmin> {
  return useAsync(() => fetchRulesAdmin(orgId as number, { silent: true }), {
    enabled: orgId !== null,
    key: orgId,
  });
}
