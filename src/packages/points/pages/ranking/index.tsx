import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { Ranking } from '@contract';
import { ChoiceChips } from '../../../../components/choice-chips';
import { EmptyState } from '../../../../components/empty-state';
import { PageState } from '../../../../components/page-state';
import { Section } from '../../../../components/section';
import { useRanking } from '../../../../hooks/usePointsReview';
import { saveRankingPreference } from '../../../../services/points-review';
import { standingLabel } from '../../../../utils/points';
import './index.scss';
import { useTextScale } from '../../../../hooks/useTextScale';

export default function RankingPage() {
  const text = useTextScale();
  const [scope, setScope] = useState<Ranking['scope']>('branch');
  const [period, setPeriod] = useState<Ranking['period']>('year');
  const ranking = useRanking(scope, period);
  return (
    <View style={text.style} className="xf-page ranking">
      <ChoiceChips
        label="范围"
        options={[
          { value: 'branch', label: '本支部' },
          { value: 'org', label: '全单位' },
        ]}
        value={scope}
        onChange={setScope}
      />
      <ChoiceChips
        label="时间"
        options={[
          { value: 'month', label: '本月' },
          { value: 'year', label: '本年度' },
        ]}
        value={period}
        onChange={setPeriod}
      />
      <PageState loading={ranking.loading} error={ranking.error} ready={ranking.data !== null} onRetry={ranking.reload}>
        {ranking.data && <RankingView ranking={ranking.data} onChanged={ranking.reload} />}
      </PageState>
    </View>
  );
}

function RankingView({ ranking, onChanged }: { ranking: Ranking; onChanged: () => Promise<void> }) {
  if (ranking.visibility === 'off' || !ranking.own) {
    return <EmptyState mark="—" title="本单位未开启积分排名" description="积分只用于记录参与情况，不作排名。" />;
  }
  const own = ranking.own;
  const standing = standingLabel(own.topPercent);
  const upperHalf = own.rank <= Math.ceil(own.total / 2);
  const periodWord = ranking.period === 'year' ? '今年' : '本月';
  return (
    <>
      <Section title={`${ranking.scopeName} · ${ranking.periodLabel}`}>
        <View className="ranking__own">
          <Text className="ranking__own-caption">我的位置</Text>
          <Text className="ranking__own-rank">{standing.startsWith('前') ? standing : `处于${standing}`}</Text>
          <Text className="ranking__own-detail">
            {periodWord}获得 {own.points} 分{upperHalf ? `，第 ${own.rank} 名` : ''}，共 {own.total} 人
          </Text>
        </View>
        <Text className="ranking__note">积分相同的名次并列。个人位置只有您自己能看到。</Text>
      </Section>
      {ranking.visibility === 'opt_in' ? (
        <>
          <OptInSwitch optedIn={ranking.optedIn} onChanged={onChanged} />
          <Text className="ranking__listed">{listedNote(ranking, own, standing)}</Text>
          <Section title="榜单">
            <Text className="ranking__note">
              只列出自愿参加排名、积分位于前一半的党员（最多 50 名），不列排在后面的人。
            </Text>
            {ranking.list.length === 0 ? (
              <Text className="ranking__empty">暂时没有人参加榜单</Text>
            ) : (
              ranking.list.map((row) => (
                <View key={row.memberId} className={`ranking__row ${row.isSelf ? 'ranking__row--self' : ''}`}>
                  <Text className="ranking__rank">{row.rank}</Text>
                  <View className="ranking__who">
                    <Text className="ranking__name">
                      {row.name}
                      {row.isSelf ? '（我）' : ''}
                    </Text>
                    {ranking.scope === 'org' && row.branchName && (
                      <Text className="ranking__branch">{row.branchName}</Text>
                    )}
                  </View>
                  <Text className="ranking__points">{row.points} 分</Text>
                </View>
              ))
            )}
          </Section>
        </>
      ) : (
        <Text className="ranking__note ranking__note--page">本单位只显示个人名次，不公布榜单。</Text>
      )}
    </>
  );
}

type Own = NonNullable<Ranking['own']>;

/** Whether the member shows on the list, and if not, why: only the upper part is listed. */
function listedNote(ranking: Ranking, own: Own, standing: string): string {
  if (!ranking.optedIn) return '打开后，您的积分位于前一半时会显示在榜单上。';
  if (ranking.list.some((row) => row.isSelf)) return '您已在榜单上（下方标着“我”）。';
  if (own.points <= 0) return '您已参加榜单。本期还没有积分，有积分后才会显示。';
  if (own.rank > Math.ceil(own.total / 2))
    return `您已参加榜单。榜单只列出前一半，您目前处于${standing}，所以暂未显示；积分进入前一半后会自动出现。`;
  return '您已参加榜单。榜单最多列出 50 人，您目前排在 50 名之后，所以暂未显示。';
}

function OptInSwitch({ optedIn, onChanged }: { optedIn: boolean; onChanged: () => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  const toggle = async () => {
    setBusy(true);
    try {
      await saveRankingPreference(!optedIn);
      await onChanged();
    } catch {
      // the request wrapper showed the message
    } finally {
      setBusy(false);
    }
  };
  return (
    <View
      className="ranking__switch-row"
      role="switch"
      aria-checked={optedIn}
      aria-busy={busy}
      onClick={() => {
        if (!busy) void toggle();
      }}
    >
      <View className="ranking__switch-text">
        <Text className="ranking__switch-title">在榜单中显示我</Text>
        <Text className="ranking__switch-hint">自愿参加，随时可以关闭</Text>
      </View>
      <View className={`ranking__switch ${optedIn ? 'ranking__switch--on' : ''}`}>
        <View className="ranking__switch-knob" />
      </View>
    </View>
  );
}
