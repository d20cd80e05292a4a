import { useEffect } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { EmptyState } from '../../../../components/empty-state';
import { ListCell } from '../../../../components/list-cell';
import { Section } from '../../../../components/section';
import { routes } from '../../../../services/routes';
import { RosterView } from '../../components/roster-view';
import './index.scss';

const go = (url: string) => () => void Taro.navigateTo({ url });

/** One branch's roster, opened from the org admin's branch list. */
export default function RosterPage() {
  const { params } = useRouter();
  const branchId = Number(params.branchId);
  const name = params.name ? decodeURIComponent(params.name) : '';

  useEffect(() => {
    if (name) void Taro.setNavigationBarTitle({ title: name }).catch(() => undefined);
  }, [name]);

  return (
    <View className="xf-page roster-page">
      {Number.isInteger(branchId) && branchId > 0 ? (
        <>
          <Section>
            <ListCell
              title="导入本支部名册"
              extra="›"
              onClick={go(`${routes.manageRosterImport}?branchId=${branchId}&name=${encodeURIComponent(name)}`)}
            />
            <ListCell
              title="邀请码与未绑定"
              extra="›"
              onClick={go(`${routes.manageInviteSheet}?branchId=${branchId}&name=${encodeURIComponent(name)}`)}
            />
          </Section>
          <RosterView branchId={branchId} />
        </>
      ) : (
        <EmptyState mark="!" title="没有找到这个支部" description="请返回支部列表重新选择。" />
      )}
    </View>
  );
}
