import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { MyVolunteer, VolunteerRecord } from '@contract';
import { ListCell } from '../../components/list-cell';
import { NotAMemberNote } from '../../components/not-a-member-note';
import { PageState } from '../../components/page-state';
import { Section } from '../../components/section';
import { Tag } from '../../components/tag';
import { XfButton } from '../../components/xf-button';
import { useMe } from '../../hooks/useMe';
import { useMyVolunteer } from '../../hooks/useVolunteer';
import { useReloadOnShow } from '../../hooks/useReloadOnShow';
import { routes } from '../../services/routes';
import { formatDate } from '../../utils/format';
import { canManage } from '../../utils/roles';
import { formatHours, volunteerStatusLabel, volunteerStatusTone } from '../../utils/volunteer';
import './index.scss';
import { useTextScale } from '../../hooks/useTextScale';

export default function VolunteerPage() {
  const text = useTextScale();
  const me = useMe();
  const volunteer = useMyVolunteer();
  const reloadAll = () => Promise.all([me.reload(), volunteer.reload()]).then(() => undefined);
  useReloadOnShow(reloadAll);
  usePullDownRefresh(() => {
    void reloadAll().finally(() => Taro.stopPullDownRefresh());
  });

  return (
    <View style={text.style} className="xf-page volunteer">
      {volunteer.error?.status === 403 ? (
        <NotAMemberNote manager={me.data && canManage(me.data) ? { withLink: true } : undefined} />
      ) : (
        <PageState
          loading={volunteer.loading}
          error={volunteer.error}
          ready={volunteer.data !== null}
          onRetry={volunteer.reload}
        >
          {volunteer.data && <Overview volunteer={volunteer.data} />}
          {volunteer.data && <Records records={volunteer.data.records} />}
        </PageState>
      )}
      {me.data && canManage(me.data) && (
        <View className="volunteer__links">
          <ListCell
            title="审核志愿服务"
            description="本支部党员提交的志愿服务记录"
            extra="进入 ›"
            onClick={() => Taro.navigateTo({ url: routes.volunteerReview })}
          />
        </View>
      )}
    </View>
  );
}

function Overview({ volunteer }: { volunteer: MyVolunteer }) {
  return (
    <Section title={`${volunteer.year}年志愿服务`} className="volunteer__overview">
      <View className="volunteer__numbers">
        <View className="volunteer__number">
          <Text className="volunteer__value">{volunteer.approvedHours}</Text>
          <Text className="volunteer__caption">已通过（小时）</Text>
        </View>
        <View className="volunteer__number">
          <Text className="volunteer__value volunteer__value--pending">{volunteer.pendingHours}</Text>
          <Text className="volunteer__caption">待审核（小时）</Text>
        </View>
      </View>
      <Text className="volunteer__note">照片可传可不传。支部书记审核通过后，按积分规则计分。</Text>
      <XfButton type="primary" size="large" block onClick={() => Taro.navigateTo({ url: routes.volunteerLog })}>
        登记志愿服务
      </XfButton>
    </Section>
  );
}

function Records({ records }: { records: VolunteerRecord[] }) {
  return (
    <Section title="我的记录">
      {records.length === 0 ? (
        <Text className="volunteer__empty">今年还没有志愿服务记录</Text>
      ) : (
        <View className="volunteer__records">
          {records.map((record) => (
            <ListCell
              key={record.id}
              className="volunteer__record"
              title={`${record.category} ${formatHours(record.hours)}`}
              description={recordLine(record)}
              extra={<Tag tone={volunteerStatusTone[record.status]}>{volunteerStatusLabel[record.status]}</Tag>}
              onClick={() => Taro.navigateTo({ url: `${routes.volunteerRecord}?id=${record.id}` })}
            />
          ))}
        </View>
      )}
    </Section>
  );
}

function recordLine(record: VolunteerRecord): string {
  const parts = [formatDate(record.servedOn), record.place];
  if (record.status === 'approved' && record.points !== null) {
    // Say why an approved record paid less than its hours (+0 under a full cap): never a bare +0.
    parts.push(record.pointsNote ? `积分 +${record.points}（${record.pointsNote}）` : `积分 +${record.points}`);
  }
  if (record.status === 'rejected' && record.rejectReason) parts.push(`退回原因：${record.rejectReason}`);
  return parts.join(' · ');
}
