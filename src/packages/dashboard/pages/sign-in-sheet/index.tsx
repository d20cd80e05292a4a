import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { SignInSheet } from '@contract';
import { EmptyState } from '../../../../components/empty-state';
import { PageState } from '../../../../components/page-state';
import { XfButton } from '../../../../components/xf-button';
import { useSignInSheet } from '../../../../hooks/useDashboard';
import { formatChina } from '../../../../utils/china-time';
import { attendanceStatusLabel, activityTypeLabel } from '../../format';
import './index.scss';

const time = (iso: string) => formatChina(iso, 'HH:mm');
const day = (iso: string) => formatChina(iso, 'YYYY年M月D日');

/** A sign-in sheet per activity, laid out to print on A4 from a browser (打印 on H5). */
export default function SignInSheetPage() {
  const { params } = useRouter();
  const activityId = Number(params.activityId);
  const valid = Number.isInteger(activityId) && activityId > 0;
  const sheet = useSignInSheet(valid ? activityId : null);
  if (!valid) return <EmptyState mark="!" title="没有找到这个活动" description="请返回数据看板重新选择。" />;
  return (
    <View className="xf-page sign-in-sheet">
      <PageState loading={sheet.loading} error={sheet.error} ready={sheet.data !== null} onRetry={sheet.reload}>
        {sheet.data && <Sheet sheet={sheet.data} />}
      </PageState>
    </View>
  );
}

function Sheet({ sheet }: { sheet: SignInSheet }) {
  const a = sheet.activity;
  const showBranch = a.branchName === null;
  return (
    <View className="sign-in-sheet__paper">
      <Text className="sign-in-sheet__org">{a.branchName ? `${a.orgName} ${a.branchName}` : a.orgName}</Text>
      <Text className="sign-in-sheet__title">{activityTypeLabel[a.type] ?? '活动'}签到表</Text>
      <View className="sign-in-sheet__info">
        <Text className="sign-in-sheet__line">活动名称：{a.title}</Text>
        <Text className="sign-in-sheet__line">
          时间：{day(a.startsAt)} {time(a.startsAt)}–{time(a.endsAt)}
        </Text>
        <Text className="sign-in-sheet__line">地点：{a.place}</Text>
        <Text className="sign-in-sheet__line">主题：{a.topic}</Text>
        <Text className="sign-in-sheet__line">应到 {sheet.rows.length} 人</Text>
      </View>
      <View className="sign-in-sheet__table" role="table">
        <View className="sign-in-sheet__row sign-in-sheet__row--head" role="row">
          <Text className="sign-in-sheet__cell sign-in-sheet__cell--no">序号</Text>
          <Text className="sign-in-sheet__cell sign-in-sheet__cell--name">姓名</Text>
          {showBranch && <Text className="sign-in-sheet__cell sign-in-sheet__cell--branch">支部</Text>}
          <Text className="sign-in-sheet__cell sign-in-sheet__cell--status">签到情况</Text>
          <Text className="sign-in-sheet__cell sign-in-sheet__cell--sign">本人签名</Text>
        </View>
        {sheet.rows.map((r, i) => (
          <View key={r.memberId} className="sign-in-sheet__row" role="row">
            <Text className="sign-in-sheet__cell sign-in-sheet__cell--no">{i + 1}</Text>
            <Text className="sign-in-sheet__cell sign-in-sheet__cell--name">{r.name}</Text>
            {showBranch && (
              <Text className="sign-in-sheet__cell sign-in-sheet__cell--branch">{r.branchName ?? ''}</Text>
            )}
            <Text className="sign-in-sheet__cell sign-in-sheet__cell--status">
              {r.status ? `${attendanceStatusLabel[r.status]}${r.checkedInAt ? ` ${time(r.checkedInAt)}` : ''}` : ''}
            </Text>
            <Text className="sign-in-sheet__cell sign-in-sheet__cell--sign" />
          </View>
        ))}
      </View>
      <Text className="sign-in-sheet__footer">
        记录人：____________{'\u3000\u3000'}审核人（支部书记）：____________
      </Text>
      {process.env.TARO_ENV === 'h5' && (
        <View className="sign-in-sheet__actions">
          <XfButton type="primary" size="large" block onClick={() => window.print()}>
            打印签到表
          </XfButton>
        </View>
      )}
    </View>
  );
}
