import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { RosterImportReport } from '@contract';
import { EmptyState } from '../../../../components/empty-state';
import { Section } from '../../../../components/section';
import { Tag } from '../../../../components/tag';
import { XfButton } from '../../../../components/xf-button';
import type { ApiError } from '../../../../services/api-error';
import type { PickedFile } from '../../../../services/request';
import { downloadRosterTemplate, importRoster, type RosterTarget } from '../../../../services/roster';
import { routes } from '../../../../services/routes';
import { pickSpreadsheet } from '../../../../utils/pick-file';
import './index.scss';

/** The page's target from its query: `orgId` for the org admin's whole roster, `branchId` for one branch. */
function targetOf(params: Record<string, string | undefined>): RosterTarget | null {
  const orgId = Number(params.orgId);
  const branchId = Number(params.branchId);
  if (Number.isInteger(orgId) && orgId > 0) return { orgId };
  if (Number.isInteger(branchId) && branchId > 0) return { branchId };
  return null;
}

/**
 * Imports the roster an organisation already keeps: a dry run first (who is added, changed, left
 * alone, and every bad row), then the same file again once the person confirms.
 */
export default function RosterImportPage() {
  const { params } = useRouter();
  const target = targetOf(params);
  const branchName = params.name ? decodeURIComponent(params.name) : '';
  const [file, setFile] = useState<PickedFile | null>(null);
  const [report, setReport] = useState<RosterImportReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [problem, setProblem] = useState('');

  if (!target) return <EmptyState mark="!" title="没有找到导入对象" description="请从管理页重新进入。" />;

  const send = async (picked: PickedFile, mode: { dryRun: boolean; skipInvalid?: boolean }, rows: number | null) => {
    setBusy(true);
    setProblem('');
    setProgress({ dryRun: mode.dryRun, sent: 0, rows });
    try {
      const { body } = await importRoster(target, picked, mode, (sent) =>
        setProgress((p) => (p ? { ...p, sent: Math.max(p.sent, sent) } : p)),
      );
      setReport(body);
    } catch (error) {
      setReport(null);
      setProblem((error as ApiError).message);
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  const choose = async () => {
    const picked = await pickSpreadsheet();
    if (!picked) return;
    setFile(picked);
    await send(picked, { dryRun: true }, null);
  };

  const confirm = async (skipInvalid: boolean) => {
    if (!file || !report) return;
    const { confirm: ok } = await Taro.showModal({
      title: '确认导入',
      content: `将新增 ${report.added.length} 人，修改 ${report.changed.length} 人${
        skipInvalid ? `，跳过有问题的 ${report.errors.length} 行` : ''
      }。`,
      confirmText: '导入',
      cancelText: '再看看',
    });
    if (ok) await send(file, { dryRun: false, skipInvalid }, report.added.length + report.changed.length);
  };

  const done = report?.applied === true;
  const writes = report ? report.added.length + report.changed.length : 0;
  return (
    <View className="xf-page roster-import">
      <Section title="第一步：下载模板">
        <Text className="roster-import__text">
          {branchName ? `导入“${branchName}”的党员。` : '导入全单位的党员，按“所在支部”分到各支部。'}
          必填：姓名、所在支部；编号和手机号至少填一项，用于再次导入时认出同一人。请勿填写身份证号。
        </Text>
        <View className="roster-import__row">
          <XfButton onClick={() => void downloadRosterTemplate(target, 'xlsx').catch(() => undefined)}>
            Excel 模板
          </XfButton>
          {process.env.TARO_ENV === 'h5' && (
            <XfButton onClick={() => void downloadRosterTemplate(target, 'csv').catch(() => undefined)}>
              CSV 模板
            </XfButton>
          )}
        </View>
      </Section>
      <Section title="第二步：选择文件并预览">
        <Text className="roster-import__text">
          支持 .xlsx 和 .csv（UTF-8 或 Excel 默认的 GBK 编码）。预览不会写入任何数据。
        </Text>
        <XfButton type="primary" size="large" block loading={busy} onClick={() => void choose()}>
          {file ? '重新选择文件' : '选择文件并预览'}
        </XfButton>
        {progress && <ImportProgressView progress={progress} />}
        {file && <Text className="roster-import__file">已选择：{file.name}</Text>}
        {problem && (
          <View className="roster-import__problem" role="alert">
            {problem}
          </View>
        )}
      </Section>
      {report && <ReportView report={report} />}
      {report && !done && file && (
        <Section title="第三步：确认导入">
          {report.errors.length > 0 ? (
            <>
              <Text className="roster-import__text">
                有 {report.errors.length} 行有问题。可以改正后重新选择文件，也可以只导入无误的行。
              </Text>
              {writes > 0 && (
                <XfButton size="large" block loading={busy} onClick={() => void confirm(true)}>
                  只导入无误的行（新增 {report.added.length}，修改 {report.changed.length}）
                </XfButton>
              )}
            </>
          ) : writes > 0 ? (
            <XfButton type="primary" size="large" block loading={busy} onClick={() => void confirm(false)}>
              确认导入（新增 {report.added.length}，修改 {report.changed.length}）
            </XfButton>
          ) : (
            <Text className="roster-import__text">名册与文件一致，没有需要导入的变化。</Text>
          )}
        </Section>
      )}
      {done && 'branchId' in target && (
        <Section title="下一步">
          <XfButton
            type="primary"
            size="large"
            block
            onClick={() =>
              void Taro.navigateTo({
                url: `${routes.manageInviteSheet}?branchId=${target.branchId}&name=${encodeURIComponent(branchName)}`,
              })
            }
          >
            打印邀请码
          </XfButton>
        </Section>
      )}
    </View>
  );
}

function ReportView({ report }: { report: RosterImportReport }) {
  const done = report.applied;
  return (
    <Section title={done ? '导入完成' : '预览结果（尚未写入）'}>
      <Text className={`roster-import__summary${done ? ' roster-import__summary--ok' : ''}`}>{report.message}</Text>
      <View className="roster-import__counts" aria-label="导入统计">
        <Count label="新增" value={report.added.length} />
        <Count label="修改" value={report.changed.length} />
        <Count label="无变化" value={report.unchanged.length} />
        <Count label="有问题" value={report.errors.length} alert={report.errors.length > 0} />
      </View>
      {report.errors.length > 0 && (
        <View className="roster-import__list" aria-label="有问题的行">
          <Text className="roster-import__heading">有问题的行</Text>
          {report.errors.map((e) => (
            <View key={e.row} className="roster-import__item">
              <Tag tone="red">第 {e.row} 行</Tag>
              <View className="roster-import__body">
                <Text className="roster-import__rowtext">{e.text}</Text>
                <Text className="roster-import__reason">{e.message}</Text>
              </View>
            </View>
          ))}
        </View>
      )}
      {report.added.length > 0 && (
        <View className="roster-import__list" aria-label="新增">
          <Text className="roster-import__heading">{done ? '已新增' : '将新增'}</Text>
          {report.added.map((a) => (
            <View key={a.row} className="roster-import__item">
              <Tag tone="green">第 {a.row} 行</Tag>
              <Text className="roster-import__reason">
                {a.name}（{a.branch}）
              </Text>
            </View>
          ))}
        </View>
      )}
      {report.changed.length > 0 && (
        <View className="roster-import__list" aria-label="修改">
          <Text className="roster-import__heading">{done ? '已修改' : '将修改'}</Text>
          {report.changed.map((c) => (
            <View key={c.row} className="roster-import__item">
              <Tag tone="amber">第 {c.row} 行</Tag>
              <View className="roster-import__body">
                <Text className="roster-import__reason">{c.name}</Text>
                {c.changes.map((change) => (
                  <Text key={change.field} className="roster-import__rowtext">
                    {change.label}：{change.from ?? '（空）'} → {change.to ?? '（空）'}
                  </Text>
                ))}
              </View>
            </View>
          ))}
        </View>
      )}
    </Section>
  );
}

function Count({ label, value, alert = false }: { label: string; value: number; alert?: boolean }) {
  return (
    <View className={`roster-import__count${alert ? ' roster-import__count--alert' : ''}`}>
      <Text className="roster-import__count-value">{value}</Text>
      <Text className="roster-import__count-label">{label}</Text>
    </View>
  );
}

/** Where a running import is: the file's bytes going up, then the server checking or writing. */
interface ImportProgress {
  dryRun: boolean;
  /** Fraction of the file sent, as the platform reports it. */
  sent: number;
  /** Rows the confirmed import writes (from the dry run); null for the dry run itself. */
  rows: number | null;
}

/**
 * Honest progress: the bar is the upload's real byte count; once the file is up, the server checks
 * (or writes, in one transaction: all rows or none) and answers when done, so that stage shows what
 * it is doing and for how long, not an invented percentage.
 */
function ImportProgressView({ progress }: { progress: ImportProgress }) {
  const uploading = progress.sent < 1;
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    if (uploading) return undefined;
    setSeconds(0);
    const timer = setInterval(() => setSeconds((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, [uploading]);
  const percent = Math.round(progress.sent * 100);
  const working = progress.dryRun
    ? '文件已上传，正在逐行核对'
    : `文件已上传，正在写入 ${progress.rows ?? ''} 人的信息（全部写入或都不写入）`;
  return (
    <View className="roster-import__progress" role="status" aria-live="polite">
      <View className="roster-import__bar" aria-label={`上传进度 ${percent}%`}>
        <View className="roster-import__bar-fill" style={{ width: `${percent}%` }} />
      </View>
      <Text className="roster-import__progress-text">
        {uploading
          ? `第 1 步 / 共 2 步：正在上传文件 ${percent}%`
          : `第 2 步 / 共 2 步：${working}……${seconds > 0 ? `已用 ${seconds} 秒` : ''}`}
      </Text>
    </View>
  );
}
