import { useEffect } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { EmptyState } from '../../../../components/empty-state';
import { RosterView } from '../../components/roster-view';
import './index.scss';

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
        <RosterView branchId={branchId} />
      ) : (
        <EmptyState mark="!" title="没有找到这个支部" description="请返回支部列表重新选择。" />
      )}
    </View>
  );
}
