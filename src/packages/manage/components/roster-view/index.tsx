import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { Invite, RosterMember } from '@contract';
import { PageState } from '../../../../components/page-state';
import { Section } from '../../../../components/section';
import { Tag } from '../../../../components/tag';
import { XfButton } from '../../../../components/xf-button';
import { EmptyState } from '../../../../components/empty-state';
import { useMe } from '../../../../hooks/useMe';
import { useRoster } from '../../../../hooks/useRoster';
import { issueInvite } from '../../../../services/org';
import { employmentLabel, politicalStatusShort, wechatBoundLabel } from '../../../../utils/labels';
import { InviteCard } from '../invite-card';
import './index.scss';

export interface RosterViewProps {
  branchId: number;
  className?: string;
}

/** A branch's roster with WeChat binding state; unbound members can be given an invite code. */
export function RosterView({ branchId, className }: RosterViewProps) {
  const roster = useRoster(branchId);
  // Nobody issues their own binding code (the API refuses it): another manager does.
  const me = useMe();
  const [invite, setInvite] = useState<Invite | null>(null);
  const [issuingFor, setIssuingFor] = useState<number | null>(null);

  const issue = async (member: RosterMember) => {
    if (issuingFor !== null) return;
    setIssuingFor(member.id);
    try {
      setInvite(await issueInvite(branchId, member.id));
    } catch {
      // request() has shown the reason in a toast.
    } finally {
      setIssuingFor(null);
    }
  };

  return (
    <View className={['xf-roster', className].filter(Boolean).join(' ')}>
      <PageState loading={roster.loading} error={roster.error} ready={roster.data !== null} onRetry={roster.reload}>
        {roster.data && (
          <>
            <Section>
              <Text className="xf-roster__branch">{roster.data.branch.name}</Text>
              <Text className="xf-roster__counts">
                共 {roster.data.members.length} 名党员，微信已绑定{' '}
                {roster.data.members.filter((member) => member.wechatBound).length} 人
              </Text>
            </Section>
            <Section title="党员名册">
              {roster.data.members.length === 0 && (
                <EmptyState
                  mark="人"
                  title="本支部还没有党员"
                  description="先在“本支部成员”里逐一添加，人多时用“导入本支部名册”；然后打印邀请码发给大家。"
                />
              )}
              {roster.data.members.map((member) => (
                <View key={member.id} className="xf-roster__member">
                  <View className="xf-roster__member-main">
                    <Text className="xf-roster__name">{member.name}</Text>
                    <View className="xf-roster__tags">
                      <Tag tone={member.politicalStatus === 'full' ? 'red' : 'amber'}>
                        {politicalStatusShort[member.politicalStatus]}
                      </Tag>
                      <Tag tone="neutral">{employmentLabel[member.employment]}</Tag>
                      <Tag tone={member.wechatBound ? 'green' : 'neutral'} solid={member.wechatBound}>
                        {wechatBoundLabel(member)}
                      </Tag>
                    </View>
                  </View>
                  {!member.wechatBound && member.id !== me.data?.id && (
                    <XfButton
                      className="xf-roster__invite"
                      type="primary"
                      fill="outline"
                      loading={issuingFor === member.id}
                      onClick={() => void issue(member)}
                    >
                      发邀请码
                    </XfButton>
                  )}
                </View>
              ))}
            </Section>
          </>
        )}
      </PageState>
      {invite && <InviteCard invite={invite} onClose={() => setInvite(null)} />}
    </View>
  );
}
