import { Text, View } from '@tarojs/components';
import type { PointsRules } from '@contract';
import { PageState } from '../../../../components/page-state';
import { Section } from '../../../../components/section';
import { usePointsRules } from '../../../../hooks/usePointsRules';
import { formatChina } from '../../../../utils/china-time';
import { capText, rulePoints, sharedCapWith, starRows } from './describe-rules';
import './index.scss';
import { useTextScale } from '../../../../hooks/useTextScale';

export default function PointsRulesPage() {
  const text = useTextScale();
  const rules = usePointsRules();
  return (
    <View style={text.style} className="xf-page points-rules">
      <PageState loading={rules.loading} error={rules.error} ready={rules.data !== null} onRetry={rules.reload}>
        {rules.data && <RulesContent rules={rules.data} />}
      </PageState>
    </View>
  );
}

function RulesContent({ rules }: { rules: PointsRules }) {
  return (
    <>
      <Section title="基础分">
        <Text className="points-rules__text">
          每位党员每年初始 <Text className="points-rules__em">{rules.baseScore} 分</Text>
          ，参加组织生活、学习答题、志愿服务等获得的积分在此基础上累加。
        </Text>
      </Section>

      <Section title="星级评定">
        {starRows(rules).map((row) => (
          <View key={row.stars} className="points-rules__row">
            <Text className="points-rules__range">{row.range}</Text>
            <Text className={row.stars > 0 ? 'points-rules__stars' : 'points-rules__fail'}>
              {row.stars > 0 ? `${'★'.repeat(row.stars)} ${row.words}` : row.words}
            </Text>
          </View>
        ))}
      </Section>

      <Section title="积分项目">
        {rules.rules.map((rule) => {
          const cap = capText(rules.caps[rule.capGroup]);
          const shared = sharedCapWith(rule, rules.rules);
          return (
            <View key={rule.code} className="points-rules__rule">
              <View className="points-rules__rule-head">
                <Text className="points-rules__rule-label">{rule.label}</Text>
                <Text className="points-rules__rule-points">{rulePoints(rule)}</Text>
              </View>
              <Text className="points-rules__text">{rule.description}</Text>
              {cap && (
                <Text className="points-rules__cap">
                  上限：{cap}
                  {shared.length > 0 ? `（与“${shared.join('”“')}”合计）` : ''}
                </Text>
              )}
            </View>
          );
        })}
      </Section>

      <Text className="points-rules__footer">
        积分只来自实际参与，不按登录、在线时长、浏览或点赞计分。现行规则第 {rules.version} 版
        {rules.effectiveFrom ? `，自${formatChina(rules.effectiveFrom, 'YYYY年M月D日')}起生效` : ''}。
      </Text>
    </>
  );
}
