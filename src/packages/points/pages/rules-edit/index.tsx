import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Picker, Text, View } from '@tarojs/components';
import type { PointsRules, RulesAdmin, RulesPreview, RuleVersion } from '@contract';
import { EmptyState } from '../../../../components/empty-state';
import { PageState } from '../../../../components/page-state';
import { Section } from '../../../../components/section';
import { Tag } from '../../../../components/tag';
import { XfButton } from '../../../../components/xf-button';
import { useMe } from '../../../../hooks/useMe';
import { useRulesAdmin } from '../../../../hooks/useRulesAdmin';
import { isApiError } from '../../../../services/api-error';
import { previewRules, publishRules } from '../../../../services/points-rules';
import { isOrgAdmin } from '../../../../utils/roles';
import {
  automaticGroups,
  CAP_PERIODS,
  confirmWords,
  dateWords,
  errorsByField,
  ruleOf,
  STAR_NAMES,
  withValue,
} from './draft';
import { Stepper } from './stepper';
import { showNotice } from '../../../../utils/notice';
import './index.scss';

export default function PointsRulesEditPage() {
  const me = useMe();
  const orgId = me.data && isOrgAdmin(me.data) ? me.data.org.id : null;
  const admin = useRulesAdmin(orgId);
  return (
    <View className="xf-page rules-edit">
      <PageState loading={me.loading} error={me.error} ready={me.data !== null} onRetry={me.reload}>
        {orgId === null ? (
          <EmptyState mark="!" title="仅限机关党委管理员" description="积分规则由机关党委管理员设置。" />
        ) : (
          <PageState loading={admin.loading} error={admin.error} ready={admin.data !== null} onRetry={admin.reload}>
            {admin.data && <Editor orgId={orgId} admin={admin.data} onPublished={admin.reload} />}
          </PageState>
        )}
      </PageState>
    </View>
  );
}

function Editor({ orgId, admin, onPublished }: { orgId: number; admin: RulesAdmin; onPublished: () => Promise<void> }) {
  const [draft, setDraft] = useState<PointsRules>(admin.current);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [preview, setPreview] = useState<RulesPreview | null>(null);
  const [effectiveFrom, setEffectiveFrom] = useState(admin.today);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setDraft(admin.current);
    setPreview(null);
    setEffectiveFrom(admin.today);
  }, [admin]);

  const limits = admin.limits;
  const change = (path: string) => (value: number | null) => {
    setDraft((d) => withValue(d, path, value));
    setPreview(null);
    setErrors((e) => {
      const { [path]: _gone, ...rest } = e;
      return rest;
    });
  };

  const runPreview = async () => {
    setBusy(true);
    try {
      const result = await previewRules(orgId, { rules: draft, effectiveFrom }, { silent: true });
      setErrors({});
      setPreview(result);
    } catch (error) {
      if (isApiError(error) && error.details.length > 0) setErrors(errorsByField(error.details));
      else void showNotice(isApiError(error) ? error.message : '预览失败，请重试');
    } finally {
      setBusy(false);
    }
  };

  const publish = async () => {
    if (!preview) return;
    const version = Math.max(...admin.versions.map((v) => v.version), 0) + 1;
    const { confirm } = await Taro.showModal({
      title: `发布第 ${version} 版积分规则？`,
      content: confirmWords({
        version,
        effectiveFrom,
        today: admin.today,
        preview,
        baseChanged: draft.baseScore !== admin.current.baseScore,
      }),
      confirmText: '发布',
      confirmColor: '#C8161D',
      cancelText: '再看看',
    });
    if (!confirm) return;
    setBusy(true);
    try {
      await publishRules(orgId, { rules: draft, effectiveFrom });
      void showNotice('已发布', { success: true, duration: 1500 });
      await onPublished();
    } catch (error) {
      if (isApiError(error) && error.details.length > 0) setErrors(errorsByField(error.details));
    } finally {
      setBusy(false);
    }
  };

  const award = ruleOf(draft, 'award');
  const deduction = ruleOf(draft, 'deduction');
  const absence = ruleOf(draft, 'absence');
  const errorList = Object.values(errors);

  return (
    <>
      <View className="rules-edit__intro">
        <Text className="rules-edit__text">
          现行第 {admin.current.version} 版，自{dateWords(admin.current.effectiveFrom ?? admin.today)}起生效。
          修改下面的分值后，先“预览影响”，再选择生效日期发布。已经记下的积分不会改变。
        </Text>
        {admin.scheduled && (
          <Text className="rules-edit__note">
            第 {admin.scheduled.version} 版将于{dateWords(admin.scheduled.effectiveFrom ?? admin.today)}
            生效；再次发布会取代它。
          </Text>
        )}
      </View>

      {errorList.length > 0 && (
        <View className="rules-edit__errors" role="alert">
          <Text className="rules-edit__errors-title">有 {errorList.length} 处需要修改：</Text>
          {errorList.map((message) => (
            <Text key={message} className="rules-edit__errors-item">
              · {message}
            </Text>
          ))}
        </View>
      )}

      <Section title="基础分">
        <Stepper
          label="每年初始分"
          value={draft.baseScore}
          min={limits.baseScore.min}
          max={limits.baseScore.max}
          error={errors.baseScore}
          onChange={change('baseScore')}
        />
      </Section>

      <Section title="星级门槛（达到即评）">
        {errors.starThresholds && <Text className="xf-stepper__error">{errors.starThresholds}</Text>}
        {[...draft.starThresholds]
          .sort((a, b) => a.stars - b.stars)
          .map((t) => (
            <Stepper
              key={t.stars}
              label={STAR_NAMES[t.stars] ?? `${t.stars}星`}
              value={t.min}
              min={limits.threshold.min}
              max={limits.threshold.max}
              error={errors[`starThresholds.${t.stars}`]}
              onChange={change(`starThresholds.${t.stars}`)}
            />
          ))}
        <Text className="rules-edit__hint">低于一星门槛为“不合格”。</Text>
      </Section>

      <Section title="积分项目与封顶">
        {automaticGroups(draft).map((group) => (
          <View key={group.group} className="rules-edit__group">
            {group.rules.map((rule) => (
              <Stepper
                key={rule.code}
                label={`${rule.label}每次`}
                value={rule.points}
                min={limits.points.min}
                max={limits.points.max}
                error={errors[`rules.${rule.code}.points`]}
                onChange={change(`rules.${rule.code}.points`)}
              />
            ))}
            <CapFields group={group.group} draft={draft} errors={errors} max={limits.cap.max} onChange={change} />
          </View>
        ))}
      </Section>

      <Section title="书记加分与扣分（须注明理由）">
        {award && (
          <Stepper
            label="单次奖励最多"
            value={award.max ?? award.points}
            min={limits.awardMax.min}
            max={limits.awardMax.max}
            error={errors['rules.award.max']}
            onChange={change('rules.award.max')}
          />
        )}
        {award && (
          <CapFields group={award.capGroup} draft={draft} errors={errors} max={limits.cap.max} onChange={change} />
        )}
        {deduction && (
          <Stepper
            label="单次扣分最多"
            value={deduction.min ?? deduction.points}
            min={limits.deductionMin.min}
            max={limits.deductionMin.max}
            error={errors['rules.deduction.min']}
            onChange={change('rules.deduction.min')}
          />
        )}
      </Section>

      {absence && (
        <Section title="无故缺席">
          <Stepper
            label="每次扣分"
            value={absence.points}
            min={limits.absence.min}
            max={limits.absence.max}
            error={errors['rules.absence.points']}
            onChange={change('rules.absence.points')}
          />
          <Text className="rules-edit__hint">0 表示不扣分；最多扣 2 分。</Text>
        </Section>
      )}

      <Section title="预览与发布">
        <XfButton block loading={busy && !preview} onClick={() => void runPreview()}>
          预览影响
        </XfButton>
        {preview && <PreviewList preview={preview} />}
        <Picker
          mode="date"
          value={effectiveFrom}
          start={admin.today}
          onChange={(e) => setEffectiveFrom(String(e.detail.value))}
        >
          <View className="rules-edit__date" role="button">
            <Text className="rules-edit__date-label">生效日期</Text>
            <Text className="rules-edit__date-value">
              {effectiveFrom === admin.today ? `今天（${dateWords(effectiveFrom)}）` : dateWords(effectiveFrom)} ›
            </Text>
          </View>
        </Picker>
        {errors.effectiveFrom && <Text className="xf-stepper__error">{errors.effectiveFrom}</Text>}
        <XfButton
          type="primary"
          block
          disabled={!preview || busy}
          loading={busy && !!preview}
          onClick={() => void publish()}
        >
          发布
        </XfButton>
        {!preview && <Text className="rules-edit__hint">先预览影响，再发布。</Text>}
      </Section>

      <Section title="历次版本">
        {admin.versions.map((v) => (
          <VersionRow key={v.version} version={v} />
        ))}
      </Section>
    </>
  );
}

function CapFields({
  group,
  draft,
  errors,
  max,
  onChange,
}: {
  group: string;
  draft: PointsRules;
  errors: Record<string, string>;
  max: number;
  onChange: (path: string) => (value: number | null) => void;
}) {
  const caps = draft.caps[group] ?? {};
  return (
    <View className="rules-edit__caps">
      {CAP_PERIODS.map(({ period, label }) => {
        const path = `caps.${group}.${period}`;
        const value = caps[period];
        if (value === undefined) {
          return (
            <View key={period} className="rules-edit__cap-off" role="button" onClick={() => onChange(path)(1)}>
              <Text className="rules-edit__cap-label">{label}</Text>
              <Text className="rules-edit__cap-action">不封顶 · 设上限</Text>
            </View>
          );
        }
        return (
          <View key={period}>
            <Stepper label={label} value={value} min={0} max={max} error={errors[path]} onChange={onChange(path)} />
            <View className="rules-edit__cap-clear" role="button" onClick={() => onChange(path)(null)}>
              <Text>改为不封顶</Text>
            </View>
          </View>
        );
      })}
    </View>
  );
}

function PreviewList({ preview }: { preview: RulesPreview }) {
  return (
    <View className="rules-edit__preview" aria-label="预览结果">
      <Text className="rules-edit__preview-title">
        {preview.changes.length === 0 ? '规则没有改动' : `将修改 ${preview.changes.length} 项：`}
      </Text>
      {preview.changes.map((c) => (
        <Text key={c} className="rules-edit__text">
          · {c}
        </Text>
      ))}
      <Text className="rules-edit__preview-title">
        按{preview.year}年目前的积分，{preview.members} 名党员中有 {preview.levelChanged} 人星级变化
      </Text>
      {preview.items.map((m) => (
        <View key={m.memberId} className="rules-edit__member">
          <Text className="rules-edit__member-name">
            {m.name}（{m.branchName}）
          </Text>
          <Text className="rules-edit__member-change">
            {m.oldLevel.label} → {m.newLevel.label}
            {m.oldTotal !== m.newTotal ? `，${m.oldTotal} → ${m.newTotal} 分` : `，${m.newTotal} 分`}
          </Text>
        </View>
      ))}
    </View>
  );
}

const STATUS: Record<RuleVersion['status'], { label: string; tone: 'green' | 'amber' | 'neutral' }> = {
  in_effect: { label: '现行', tone: 'green' },
  scheduled: { label: '待生效', tone: 'amber' },
  past: { label: '已停用', tone: 'neutral' },
  superseded: { label: '未生效即被取代', tone: 'neutral' },
};

function VersionRow({ version }: { version: RuleVersion }) {
  return (
    <View className="rules-edit__version">
      <View className="rules-edit__version-head">
        <Text className="rules-edit__version-name">第 {version.version} 版</Text>
        <Tag tone={STATUS[version.status].tone}>{STATUS[version.status].label}</Tag>
      </View>
      <Text className="rules-edit__hint">
        自{dateWords(version.effectiveFrom)}起生效{version.publishedBy ? `，${version.publishedBy}发布` : ''}
      </Text>
    </View>
  );
}
