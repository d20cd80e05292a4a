import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Input, Picker, Text, View } from '@tarojs/components';
import type { DeactivationReason, GrantableRole, Me, MemberRecord } from '@contract';
import { ChoiceChips } from '../../../../components/choice-chips';
import { EmptyState } from '../../../../components/empty-state';
import { PageState } from '../../../../components/page-state';
import { Section } from '../../../../components/section';
import { SelfCaseNote } from '../../../../components/self-case-note';
import { XfButton } from '../../../../components/xf-button';
import { useBranches } from '../../../../hooks/useBranches';
import { useMe } from '../../../../hooks/useMe';
import { useMemberRecord } from '../../../../hooks/useMemberRecord';
import {
  addMember,
  deactivateMember,
  editMember,
  grantRole,
  moveMember,
  reactivateMember,
  revokeRole,
} from '../../../../services/people';
import { routes } from '../../../../services/routes';
import { chinaToday } from '../../../../utils/china-time';
import {
  deactivationReasonLabel,
  employmentLabel,
  politicalStatusLabel,
  roleLabel,
  wechatBoundLabel,
} from '../../../../utils/labels';
import { isOrgAdmin } from '../../../../utils/roles';
import { showNotice } from '../../../../utils/notice';
import './index.scss';

interface Form {
  name: string;
  phone: string;
  politicalStatus: MemberRecord['politicalStatus'];
  employment: MemberRecord['employment'];
  joinedPartyOn: string;
}

const blank: Form = { name: '', phone: '', politicalStatus: 'full', employment: 'in_service', joinedPartyOn: '' };
const formOf = (m: MemberRecord): Form => ({
  name: m.name,
  phone: m.phone ?? '',
  politicalStatus: m.politicalStatus,
  employment: m.employment,
  joinedPartyOn: m.joinedPartyOn ?? '',
});

/** Asks in plain words; true when the person confirmed. */
async function confirmed(title: string, content: string, confirmText: string): Promise<boolean> {
  const { confirm } = await Taro.showModal({ title, content, confirmText, cancelText: '再想想' });
  return confirm;
}

/** Runs an action; the request wrapper shows a refusal, so a failure only stops here. */
async function attempt<T>(work: () => Promise<T>, done: string): Promise<T | null> {
  try {
    const result = await work();
    void showNotice(done, { success: true });
    return result;
  } catch {
    return null;
  }
}

/** Add a member (`?branchId=`) or look after one (`?memberId=`): edit, retire, move, deactivate, appoint. */
export default function MemberPage() {
  const { params } = useRouter();
  const memberId = Number(params.memberId) > 0 ? Number(params.memberId) : null;
  const newInBranch = Number(params.branchId) > 0 ? Number(params.branchId) : null;
  const me = useMe();
  const record = useMemberRecord(memberId);

  if (!memberId && !newInBranch) {
    return (
      <View className="xf-page member">
        <EmptyState mark="!" title="没有找到这名党员" description="请返回名单重新选择。" />
      </View>
    );
  }
  if (!memberId) {
    return (
      <View className="xf-page member">
        <MemberForm
          initial={blank}
          submitLabel="添加党员"
          onSubmit={async (form) => {
            const added = await attempt(
              () =>
                addMember(newInBranch as number, {
                  name: form.name.trim(),
                  phone: form.phone.trim() || null,
                  politicalStatus: form.politicalStatus,
                  employment: form.employment,
                  joinedPartyOn: form.joinedPartyOn || null,
                }),
              '已添加',
            );
            if (added) void Taro.redirectTo({ url: `${routes.manageMember}?memberId=${added.id}` });
          }}
        />
      </View>
    );
  }
  return (
    <View className="xf-page member">
      <PageState loading={record.loading} error={record.error} ready={record.data !== null} onRetry={record.reload}>
        {record.data && me.data && <MemberDetail member={record.data} me={me.data} reload={record.reload} />}
      </PageState>
    </View>
  );
}

function MemberDetail({ member, me, reload }: { member: MemberRecord; me: Me; reload: () => Promise<void> }) {
  const admin = isOrgAdmin(me);
  const self = member.id === me.id;
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: member.name }).catch(() => undefined);
  }, [member.name]);
  const after = async (result: unknown) => {
    if (result) await reload();
  };

  return (
    <>
      <Section>
        <Text className="member__name">{member.name}</Text>
        <Text className="member__facts">
          {[
            member.branch?.name ?? '未分配支部',
            politicalStatusLabel[member.politicalStatus],
            employmentLabel[member.employment],
            wechatBoundLabel(member),
          ].join(' · ')}
        </Text>
        {!member.active && (
          <Text className="member__inactive">
            已停用：
            {member.deactivationReason ? deactivationReasonLabel[member.deactivationReason] : '其他'}
            {member.deactivatedOn ? `，${member.deactivatedOn}` : ''}。记录都保留着。
          </Text>
        )}
      </Section>
      {member.active && self && (
        <Section title="基本信息">
          <SelfCaseNote action="record" me={me} />
        </Section>
      )}
      {member.active && !self && (
        <MemberForm
          title="基本信息"
          initial={formOf(member)}
          submitLabel="保存修改"
          onSubmit={async (form) => {
            const before = formOf(member);
            const body = {
              ...(form.name.trim() !== before.name ? { name: form.name.trim() } : {}),
              ...(form.phone.trim() !== before.phone && !form.phone.includes('*')
                ? { phone: form.phone.trim() || null }
                : {}),
              ...(form.politicalStatus !== before.politicalStatus ? { politicalStatus: form.politicalStatus } : {}),
              ...(form.employment !== before.employment ? { employment: form.employment } : {}),
              ...(form.joinedPartyOn !== before.joinedPartyOn ? { joinedPartyOn: form.joinedPartyOn || null } : {}),
            };
            if (Object.keys(body).length === 0) {
              void showNotice('没有修改');
              return;
            }
            await after(await attempt(() => editMember(member.id, body), '已保存'));
          }}
        />
      )}
      {member.active && !self && (
        <Section title="退休">
          <XfButton
            block
            onClick={async () => {
              const retiring = member.employment === 'in_service';
              const ok = await confirmed(
                retiring ? '登记退休' : '改为在职',
                retiring
                  ? `把${member.name}登记为退休人员？之后名册和统计中按“退休”显示。`
                  : `把${member.name}改回在职？`,
                retiring ? '登记退休' : '改为在职',
              );
              if (!ok) return;
              await after(
                await attempt(
                  () => editMember(member.id, { employment: retiring ? 'retired' : 'in_service' }),
                  '已更新',
                ),
              );
            }}
          >
            {member.employment === 'in_service' ? '登记退休' : '改为在职'}
          </XfButton>
        </Section>
      )}
      {admin && member.active && <Appointments member={member} self={self} after={after} />}
      {admin && member.active && !self && <MoveSection member={member} orgId={me.org.id} after={after} />}
      {admin && member.active && !self && <DeactivateSection member={member} after={after} />}
      {admin && !member.active && (
        <Section title="恢复">
          <XfButton
            type="primary"
            size="large"
            block
            onClick={async () => {
              if (
                !(await confirmed(
                  '恢复党员',
                  `让${member.name}回到原支部的名册中？需要重新发放邀请码绑定微信。`,
                  '恢复',
                ))
              )
                return;
              await after(await attempt(() => reactivateMember(member.id), '已恢复'));
            }}
          >
            恢复到名册
          </XfButton>
        </Section>
      )}
    </>
  );
}

function Appointments({
  member,
  self,
  after,
}: {
  member: MemberRecord;
  self: boolean;
  after: (result: unknown) => Promise<void>;
}) {
  const held = member.grants.filter((g) => g.role !== 'member');
  const has = (role: GrantableRole) => held.some((g) => g.role === role);
  const grant = async (role: GrantableRole) => {
    const where = role === 'org_admin' ? '本单位' : (member.branch?.name ?? '');
    if (!(await confirmed('任命职务', `任命${member.name}为${where}${roleLabel[role]}？`, '任命'))) return;
    await after(await attempt(() => grantRole(member.id, { role }), '已任命'));
  };
  const revoke = async (role: GrantableRole, branchId: number | null) => {
    if (!(await confirmed('免去职务', `免去${member.name}的${roleLabel[role]}职务？`, '免去'))) return;
    await after(
      await attempt(() => revokeRole(member.id, { role, ...(branchId !== null ? { branchId } : {}) }), '已免去'),
    );
  };
  return (
    <Section title="职务">
      {held.length === 0 && <Text className="member__line">目前没有职务。</Text>}
      {held.map((g) => (
        <View key={`${g.role}-${g.branchId}`} className="member__grant">
          <Text className="member__line">
            {roleLabel[g.role]}
            {g.branchId !== null && member.branch?.id === g.branchId ? `（${member.branch.name}）` : ''}
          </Text>
          <XfButton onClick={() => void revoke(g.role as GrantableRole, g.branchId)}>免去</XfButton>
        </View>
      ))}
      {self ? (
        <Text className="member__hint">不能给自己任命职务，请由另一位组织管理员办理。</Text>
      ) : (
        <View className="member__buttons">
          {member.branch && !has('secretary') && (
            <XfButton type="primary" fill="outline" block onClick={() => void grant('secretary')}>
              任命为本支部书记
            </XfButton>
          )}
          {member.branch && !has('branch_manager') && (
            <XfButton type="primary" fill="outline" block onClick={() => void grant('branch_manager')}>
              任命为支部管理人员（组织委员等）
            </XfButton>
          )}
          {!has('org_admin') && (
            <XfButton type="primary" fill="outline" block onClick={() => void grant('org_admin')}>
              任命为组织管理员
            </XfButton>
          )}
        </View>
      )}
    </Section>
  );
}

function MoveSection({
  member,
  orgId,
  after,
}: {
  member: MemberRecord;
  orgId: number;
  after: (result: unknown) => Promise<void>;
}) {
  const branches = useBranches(orgId);
  const [to, setTo] = useState<number | null>(null);
  const others = (branches.data?.branches ?? []).filter((b) => !b.archived && b.id !== member.branch?.id);
  if (others.length === 0) return null;
  const target = others.find((b) => b.id === to) ?? null;
  return (
    <Section title="组织关系转接">
      <Text className="member__hint">
        转到本单位的另一个支部。已有的活动和积分记录留在原支部；今年的积分和排名随人转入新支部。
      </Text>
      <ChoiceChips
        className="member__chips"
        label="转入支部"
        options={others.map((b) => ({ value: b.id, label: b.name }))}
        value={to}
        onChange={setTo}
      />
      <XfButton
        block
        disabled={!target}
        onClick={async () => {
          if (!target) return;
          const ok = await confirmed(
            '组织关系转接',
            `把${member.name}从“${member.branch?.name ?? ''}”转到“${target.name}”？在原支部担任的职务会随之免去。`,
            '转接',
          );
          if (!ok) return;
          await after(await attempt(() => moveMember(member.id, target.id), '已转接'));
          setTo(null);
        }}
      >
        转接到所选支部
      </XfButton>
    </Section>
  );
}

function DeactivateSection({ member, after }: { member: MemberRecord; after: (result: unknown) => Promise<void> }) {
  const [reason, setReason] = useState<DeactivationReason | null>(null);
  const [on, setOn] = useState(chinaToday());
  return (
    <Section title="停用">
      <Text className="member__hint">
        转出本单位、去世等情况办理停用：立即退出登录，不再计入活动、答题和各项比率；历史记录都保留。
      </Text>
      <ChoiceChips
        className="member__chips"
        label="停用原因"
        options={(['transferred', 'deceased', 'other'] as const).map((value) => ({
          value,
          label: deactivationReasonLabel[value],
        }))}
        value={reason}
        onChange={setReason}
      />
      <Picker mode="date" value={on} end={chinaToday()} onChange={(e) => setOn(String(e.detail.value))}>
        <View className="member__picker">日期：{on}</View>
      </Picker>
      <XfButton
        block
        disabled={!reason}
        onClick={async () => {
          if (!reason) return;
          const ok = await confirmed(
            '停用党员',
            `${member.name}（${deactivationReasonLabel[reason]}，${on}）停用后将立即退出登录，不能再签到和答题。记录会保留，需要时可以恢复。确定停用吗？`,
            '停用',
          );
          if (!ok) return;
          await after(await attempt(() => deactivateMember(member.id, { reason, on }), '已停用'));
        }}
      >
        停用
      </XfButton>
    </Section>
  );
}

function MemberForm({
  title,
  initial,
  submitLabel,
  onSubmit,
}: {
  title?: string;
  initial: Form;
  submitLabel: string;
  onSubmit: (form: Form) => Promise<void>;
}) {
  const [form, setForm] = useState<Form>(initial);
  const [saving, setSaving] = useState(false);
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));
  const phoneOk = form.phone.trim() === '' || form.phone.includes('*') || /^1\d{10}$/.test(form.phone.trim());
  return (
    <Section title={title ?? '党员信息'}>
      <Text className="member__label">姓名（必填）</Text>
      <Input
        className="member__input"
        value={form.name}
        maxlength={30}
        placeholder="如：张三"
        aria-label="姓名"
        onInput={(e) => set('name', e.detail.value)}
      />
      <Text className="member__label">手机号（可不填）</Text>
      <Input
        className="member__input"
        type="number"
        value={form.phone}
        maxlength={11}
        placeholder="11 位手机号"
        aria-label="手机号"
        onInput={(e) => set('phone', e.detail.value)}
      />
      {!phoneOk && <Text className="member__error">手机号应为 11 位数字，以 1 开头</Text>}
      <Text className="member__label">党员类别</Text>
      <ChoiceChips
        label="党员类别"
        options={(['full', 'probationary'] as const).map((value) => ({ value, label: politicalStatusLabel[value] }))}
        value={form.politicalStatus}
        onChange={(value) => set('politicalStatus', value)}
      />
      <Text className="member__label">人员类别</Text>
      <ChoiceChips
        label="人员类别"
        options={(['in_service', 'retired'] as const).map((value) => ({ value, label: employmentLabel[value] }))}
        value={form.employment}
        onChange={(value) => set('employment', value)}
      />
      <Text className="member__label">入党日期（可不填）</Text>
      <Picker
        mode="date"
        value={form.joinedPartyOn || '2000-07-01'}
        end={chinaToday()}
        onChange={(e) => set('joinedPartyOn', String(e.detail.value))}
      >
        <View className="member__picker">{form.joinedPartyOn || '点此选择日期'}</View>
      </Picker>
      <XfButton
        className="member__submit"
        type="primary"
        size="large"
        block
        loading={saving}
        disabled={!form.name.trim() || !phoneOk}
        onClick={async () => {
          setSaving(true);
          try {
            await onSubmit(form);
          } finally {
            setSaving(false);
          }
        }}
      >
        {submitLabel}
      </XfButton>
    </Section>
  );
}
