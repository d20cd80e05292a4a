import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { ScrollView, Text, View } from '@tarojs/components';
import type { Me, PeriodKind } from '@contract';
import { EmptyState } from '../../../../components/empty-state';
import { PageState } from '../../../../components/page-state';
import { useBranches } from '../../../../hooks/useBranches';
import type { DashboardTarget } from '../../../../hooks/useDashboard';
import { useMe } from '../../../../hooks/useMe';
import { isOrgAdmin, secretaryBranchIds } from '../../../../utils/roles';
import { PeriodTabs } from '../../components/period-tabs';
import { BranchComparisonSection } from './branch-comparison';
import { DashboardView } from './dashboard-view';
import './index.scss';

/** A secretary sees the own branch; the org admin the whole organisation or any branch. */
export default function DashboardPage() {
  const me = useMe();
  return (
    <View className="xf-page dashboard">
      <PageState loading={me.loading} error={me.error} ready={me.data !== null} onRetry={me.reload}>
        {me.data && <DashboardScopes me={me.data} />}
      </PageState>
    </View>
  );
}

function DashboardScopes({ me }: { me: Me }) {
  const { params } = useRouter();
  const admin = isOrgAdmin(me);
  const own = secretaryBranchIds(me);
  const requested = Number(params.branchId);
  const initial: DashboardTarget | null =
    Number.isInteger(requested) && requested > 0
      ? { kind: 'branch', id: requested }
      : admin
        ? { kind: 'org', id: me.org.id }
        : own.length > 0
          ? { kind: 'branch', id: own[0] as number }
          : null;
  const [target, setTarget] = useState<DashboardTarget | null>(initial);
  const [period, setPeriod] = useState<PeriodKind>('year');

  if (!target) {
    return <EmptyState mark="!" title="没有查看权限" description="数据看板仅供支部书记和机关党委使用。" />;
  }
  return (
    <>
      {admin ? (
        <OrgScopePicker orgId={me.org.id} orgName={me.org.name} target={target} onChange={setTarget} />
      ) : (
        own.length > 1 && <OwnBranchPicker branchIds={own} target={target} onChange={setTarget} />
      )}
      <PeriodTabs value={period} onChange={setPeriod} />
      {admin && target.kind === 'org' && (
        <BranchComparisonSection
          orgId={target.id}
          period={period}
          onOpenBranch={(id) => setTarget({ kind: 'branch', id })}
        />
      )}
      <DashboardView key={`${target.kind}-${target.id}`} target={target} period={period} />
    </>
  );
}

interface PickerProps {
  target: DashboardTarget;
  onChange: (target: DashboardTarget) => void;
}

function Chip({ label, active, onClick }: { label: string; active: boolean; onClick: () => void }) {
  return (
    <View
      role="tab"
      aria-selected={active}
      className={`dashboard__chip${active ? ' dashboard__chip--active' : ''}`}
      onClick={onClick}
    >
      <Text>{label}</Text>
    </View>
  );
}

function OrgScopePicker({ orgId, orgName, target, onChange }: PickerProps & { orgId: number; orgName: string }) {
  const branches = useBranches(orgId);
  return (
    <ScrollView scrollX className="dashboard__chips">
      <Chip
        label={`全单位（${orgName}）`}
        active={target.kind === 'org'}
        onClick={() => onChange({ kind: 'org', id: orgId })}
      />
      {branches.data?.branches.map((b) => (
        <Chip
          key={b.id}
          label={b.name}
          active={target.kind === 'branch' && target.id === b.id}
          onClick={() => onChange({ kind: 'branch', id: b.id })}
        />
      ))}
    </ScrollView>
  );
}

function OwnBranchPicker({ branchIds, target, onChange }: PickerProps & { branchIds: number[] }) {
  return (
    <ScrollView scrollX className="dashboard__chips">
      {branchIds.map((id, i) => (
        <Chip
          key={id}
          label={`负责的支部 ${i + 1}`}
          active={target.kind === 'branch' && target.id === id}
          onClick={() => onChange({ kind: 'branch', id })}
        />
      ))}
    </ScrollView>
  );
}
