import { useEffect, useState } from 'react';
import type { Me } from '@contract';
import { isOrgAdmin, secretaryBranchIds } from '../utils/roles';
import { useBranches } from './useBranches';

export interface ManagedBranches {
  branches: Array<{ id: number; name: string }>;
  selected: number | null;
  select: (branchId: number) => void;
  loading: boolean;
}

/** The branches the signed-in secretary or org admin manages, and the one being looked at. */
export function useManagedBranches(me: Me | null): ManagedBranches {
  const admin = me !== null && isOrgAdmin(me);
  const all = useBranches(admin ? me.org.id : null);
  const branches = admin
    ? (all.data?.branches.map((b) => ({ id: b.id, name: b.name })) ?? [])
    : me
      ? secretaryBranchIds(me).map((id) => ({ id, name: me.branch?.id === id ? me.branch.name : `支部 ${id}` }))
      : [];
  const [selected, setSelected] = useState<number | null>(null);
  const first = branches[0]?.id ?? null;
  useEffect(() => {
    if (selected === null && first !== null) setSelected(first);
  }, [selected, first]);
  return { branches, selected, select: setSelected, loading: admin && all.loading };
}
