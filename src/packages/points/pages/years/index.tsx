import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { OrgSettings, PointsYear } from '@contract';
import { ChoiceChips } from '../../../../components/choice-chips';
import { EmptyState } from '../../../../components/empty-state';
import { PageState } from '../../../../components/page-state';
import { Section } from '../../../../components/section';
import { Tag } from '../../../../components/tag';
import { XfButton } from '../../../../components/xf-button';
import { useMe } from '../../../../hooks/useMe';
import { useOrgSettings, usePointsYears } from '../../../../hooks/usePointsReview';
import { closePointsYear, publishPointsYear, saveOrgSettings } from '../../../../services/points-review';
import { formatDateTime } from '../../../../utils/format';
import { chinaInstant, chinaToday } from '../../../../utils/china-time';
import { isOrgAdmin } from '../../../../utils/roles';
import { showNotice } from '../../../../utils/notice';
import './index.scss';

const VISIBILITY: Array<{ value: OrgSettings['rankingVisibility']; label: string; description: string }> = [
  { value: 'opt_in', label: '自愿上榜', description: '人人可看自己的名次；榜单只列出自愿参加的党员。' },
  { value: 'self', label: '只看自己', description: '每人只能看到自己的名次和百分位，不公布榜单。' },
  { value: 'off', label: '关闭排名', description: '不显示任何名次。' },
];

export default function PointsYearsPage() {
  const me = useMe();
  const orgId = me.data && isOrgAdmin(me.data) ? me.data.org.id : null;
  return (
    <View className="xf-page points-years">
      <PageState loading={me.loading} error={me.error} ready={me.data !== null} onRetry={me.reload}>
        {orgId === null ? (
          <EmptyState
            mark="!"
            title="仅限机关党委管理员"
            description="年度结算、公示和排名设置由机关党委管理员负责。"
          />
        ) : (
          <>
            <VisibilitySetting orgId={orgId} />
            <Years orgId={orgId} />
          </>
        )}
      </PageState>
    </View>
  );
}

function VisibilitySetting({ orgId }: { orgId: number }) {
  const settings = useOrgSettings(orgId);
  const [saving, setSaving] = useState(false);
  const change = async (value: OrgSettings['rankingVisibility']) => {
    setSaving(true);
    try {
      await saveOrgSettings(orgId, { rankingVisibility: value });
      await settings.reload();
      void showNotice('已保存', { success: true, duration: 1500 });
    } catch {
      // the request wrapper showed the message
    } finally {
      setSaving(false);
    }
  };
  const current = VISIBILITY.find((v) => v.value === settings.data?.rankingVisibility);
  return (
    <Section title="积分排名显示方式">
      <PageState
        loading={settings.loading}
        error={settings.error}
        ready={settings.data !== null}
        onRetry={settings.reload}
      >
        <ChoiceChips
          label="排名显示方式"
          options={VISIBILITY.map(({ value, label }) => ({ value, label }))}
          value={settings.data?.rankingVisibility ?? null}
          onChange={(value) => {
            if (!saving) void change(value);
          }}
        />
        {current && <Text className="points-years__text">{current.description}</Text>}
      </PageState>
    </Section>
  );
}

function Years({ orgId }: { orgId: number }) {
  const years = usePointsYears(orgId);
  return (
    <PageState loading={years.loading} error={years.error} ready={years.data !== null} onRetry={years.reload}>
      {years.data?.years.map((year) => (
        <YearCard key={year.year} orgId={orgId} year={year} onChanged={years.reload} />
      ))}
    </PageState>
  );
}

const STATUS: Record<PointsYear['status'], { label: string; tone: 'amber' | 'green' | 'neutral' }> = {
  open: { label: '进行中', tone: 'neutral' },
  closed: { label: '已结算', tone: 'amber' },
  published: { label: '已公示', tone: 'green' },
};

/** Days from today (China) to 31 December of `year`, counting both: on 31 December, 1. */
export function daysLeftInYear(year: number, now: number = Date.now()): number {
  const today = chinaInstant(chinaToday(now));
  return Math.round((chinaInstant(`${year}-12-31`) - today) / 86_400_000) + 1;
}

function YearCard({ orgId, year, onChanged }: { orgId: number; year: PointsYear; onChanged: () => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  const act = async (kind: 'close' | 'publish') => {
    const early = kind === 'close' && !year.ended;
    const { confirm } = await Taro.showModal({
      title:
        kind === 'publish'
          ? `公示${year.year}年积分`
          : early
            ? `提前结算${year.year}年积分？`
            : `结算${year.year}年积分`,
      content:
        kind === 'publish'
          ? '公示后，党员可以看到本人的年度结果和所在支部的星级分布。'
          : early
            ? `${year.year}年还剩 ${daysLeftInYear(year.year)} 天。提前结算后，这 ${daysLeftInYear(year.year)} 天里的签到、答题和志愿服务都照常记录，但不再计分；书记也不能再加分或扣分；结算不能撤销。`
            : '结算后将保存每位党员的总分和星级，之后不能再记入该年度；更正会记入当前年度并在公示中列出。',
      confirmText: kind === 'publish' ? '公示' : early ? '继续' : '结算',
      confirmColor: '#C8161D',
      cancelText: '取消',
    });
    if (!confirm) return;
    if (early) {
      const second = await Taro.showModal({
        title: '请再次确认',
        content: `确定现在就结算${year.year}年的积分吗？距年底还有 ${daysLeftInYear(year.year)} 天。`,
        confirmText: '提前结算',
        confirmColor: '#C8161D',
        cancelText: '再想想',
      });
      if (!second.confirm) return;
    }
    setBusy(true);
    try {
      await (kind === 'close' ? closePointsYear(orgId, year.year, early) : publishPointsYear(orgId, year.year));
      await onChanged();
    } catch {
      // the request wrapper showed the message
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section title={`${year.year}年`} extra={<Tag tone={STATUS[year.status].tone}>{STATUS[year.status].label}</Tag>}>
      <Text className="points-years__text">
        {year.members} 名党员：
        {year.distribution
          .filter((d) => d.count > 0)
          .map((d) => `${d.label} ${d.count} 人`)
          .join('，')}
      </Text>
      {year.closedAt && <Text className="points-years__text">结算于 {formatDateTime(year.closedAt)}</Text>}
      {year.publishedAt && <Text className="points-years__text">公示于 {formatDateTime(year.publishedAt)}</Text>}
      {year.status === 'open' && !year.ended && (
        <>
          <Text className="points-years__text">
            距年底还有 {daysLeftInYear(year.year)} 天；年度结束后再结算，全年的参与都能计分。
          </Text>
          <XfButton block loading={busy} onClick={() => void act('close')}>
            提前结算（年度未结束）
          </XfButton>
        </>
      )}
      {year.status === 'open' && year.ended && year.hasEntries && (
        <XfButton block loading={busy} onClick={() => void act('close')}>
          结算该年度
        </XfButton>
      )}
      {year.status === 'open' && year.ended && !year.hasEntries && (
        <Text className="points-years__text">该年度没有积分记录，无需结算。</Text>
      )}
      {year.status === 'closed' && (
        <XfButton type="primary" block loading={busy} onClick={() => void act('publish')}>
          公示结果
        </XfButton>
      )}
    </Section>
  );
}
