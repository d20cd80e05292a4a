import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import type { MemberDirectoryQuery } from '@contract';
import { ChoiceChips } from '../../../../components/choice-chips';
import { EmptyState } from '../../../../components/empty-state';
import { ListCell } from '../../../../components/list-cell';
import { PageState } from '../../../../components/page-state';
import { Section } from '../../../../components/section';
import { useMemberDirectory } from '../../../../hooks/useMemberDirectory';
import { useReloadOnShow } from '../../../../hooks/useReloadOnShow';
import { routes } from '../../../../services/routes';
import { deactivationReasonLabel, employmentLabel, wechatBoundLabel } from '../../../../utils/labels';
import './index.scss';

type Choice<T> = T | 'any';

/** The member table: search by name; filter by branch, 在职/退休, WeChat binding and 在册/已停用. */
export default function MembersPage() {
  const { params } = useRouter();
  const orgId = Number(params.orgId) > 0 ? Number(params.orgId) : null;
  const branchId = Number(params.branchId) > 0 ? Number(params.branchId) : null;
  const where = orgId ? { orgId } : branchId ? { branchId } : null;

  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [branch, setBranch] = useState<Choice<number>>('any');
  const [employment, setEmployment] = useState<Choice<'in_service' | 'retired'>>('any');
  const [bound, setBound] = useState<Choice<'bound' | 'unbound'>>('any');
  const [status, setStatus] = useState<'active' | 'inactive'>('active');
  const query: MemberDirectoryQuery = {
    q: q || undefined,
    branchId: orgId && branch !== 'any' ? branch : undefined,
    employment: employment === 'any' ? undefined : employment,
    bound: bound === 'any' ? undefined : bound,
    status,
  };
  const directory = useMemberDirectory(where, query);
  useReloadOnShow(directory.reload);

  if (!where) {
    return (
      <View className="xf-page members">
        <EmptyState mark="!" title="没有找到这个名册" description="请返回重新选择。" />
      </View>
    );
  }
  const branches = directory.data?.branches ?? [];
  return (
    <View className="xf-page members">
      <Section>
        <View className="members__search">
          <Input
            className="members__input"
            value={typed}
            maxlength={30}
            confirmType="search"
            placeholder="输入姓名查找"
            aria-label="按姓名查找"
            onInput={(e) => setTyped(e.detail.value)}
            onConfirm={() => setQ(typed.trim())}
          />
          <View className="members__go" role="button" onClick={() => setQ(typed.trim())}>
            查找
          </View>
        </View>
        {orgId && branches.length > 1 && (
          <ChoiceChips
            className="members__chips"
            label="支部"
            options={[
              { value: 'any' as Choice<number>, label: '全部支部' },
              ...branches.map((b) => ({ value: b.id, label: b.name })),
            ]}
            value={branch}
            onChange={setBranch}
          />
        )}
        <ChoiceChips
          className="members__chips"
          label="人员类别"
          options={[
            { value: 'any', label: '在职和退休' },
            { value: 'in_service', label: '在职' },
            { value: 'retired', label: '退休' },
          ]}
          value={employment}
          onChange={setEmployment}
        />
        <ChoiceChips
          className="members__chips"
          label="微信绑定"
          options={[
            { value: 'any', label: '全部' },
            { value: 'bound', label: '已绑定微信' },
            { value: 'unbound', label: '未绑定微信' },
          ]}
          value={bound}
          onChange={setBound}
        />
        <ChoiceChips
          className="members__chips"
          label="状态"
          options={[
            { value: 'active', label: '在册' },
            { value: 'inactive', label: '已停用' },
          ]}
          value={status}
          onChange={setStatus}
        />
      </Section>
      <PageState
        loading={directory.loading}
        error={directory.error}
        ready={directory.data !== null}
        onRetry={directory.reload}
      >
        {directory.data && (
          <Section title={`共 ${directory.data.total} 人`}>
            {directory.data.total === 0 ? (
              <EmptyState
                mark="无"
                title="没有符合条件的党员"
                description={q ? `没有找到“${q}”，请检查姓名或换个条件。` : '换个筛选条件试试；新支部请先添加党员。'}
              />
            ) : (
              directory.data.items.map((m) => (
                <ListCell
                  key={m.id}
                  className="members__row"
                  title={m.name}
                  description={[
                    orgId ? (m.branch?.name ?? '') : '',
                    m.active
                      ? employmentLabel[m.employment]
                      : `已停用（${m.deactivationReason ? deactivationReasonLabel[m.deactivationReason] : '其他'}）`,
                    wechatBoundLabel(m),
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                  extra="›"
                  onClick={() => void Taro.navigateTo({ url: `${routes.manageMember}?memberId=${m.id}` })}
                />
              ))
            )}
          </Section>
        )}
      </PageState>
      <Text className="members__note">手机号仅对本人和所在支部书记完整显示。</Text>
    </View>
  );
}
