import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { ImportReport } from '@contract';
import { Section } from '../../../../components/section';
import { Tag } from '../../../../components/tag';
import { XfButton } from '../../../../components/xf-button';
import { useMe } from '../../../../hooks/useMe';
import type { ApiError } from '../../../../services/api-error';
import { isOrgAdmin } from '../../../../utils/roles';
import { downloadQuestionFile, importQuestions } from '../../../../services/quiz';
import type { PickedFile } from '../../../../services/request';
import { pickSpreadsheet } from '../../../../utils/pick-file';
import './index.scss';

/** Imports questions from the template: every bad row is listed; nothing is imported until the file is clean, unless asked. */
export default function ManageImportPage() {
  const [file, setFile] = useState<PickedFile | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const me = useMe();

  const send = async (picked: PickedFile, skipInvalid: boolean) => {
    setBusy(true);
    setProblem('');
    try {
      const { status, body } = await importQuestions(picked, skipInvalid);
      setReport(body);
      setDone(status === 200);
    } catch (error) {
      setReport(null);
      setProblem((error as ApiError).message);
    } finally {
      setBusy(false);
    }
  };

  const choose = async () => {
    const picked = await pickSpreadsheet();
    if (!picked) return;
    setFile(picked);
    await send(picked, false);
  };

  const clean = report ? report.total - report.errors.length : 0;
  return (
    <View className="xf-page manage-import">
      <Section title="第一步：下载模板">
        <Text className="manage-import__text">
          按模板填写题目，每行一道题。判断题的选项留空，答案填“正确”或“错误”。
        </Text>
        <View className="manage-import__row">
          <XfButton onClick={() => void downloadQuestionFile('template', 'xlsx').catch(() => undefined)}>
            Excel 模板
          </XfButton>
          {process.env.TARO_ENV === 'h5' && (
            <XfButton onClick={() => void downloadQuestionFile('template', 'csv').catch(() => undefined)}>
              CSV 模板
            </XfButton>
          )}
        </View>
      </Section>
      <Section title="第二步：上传文件">
        <Text className="manage-import__text">
          支持 .xlsx 和 .csv（UTF-8 或 Excel 默认的 GBK 编码均可），每次最多 2000
          道题。导入前会逐行检查，有问题的行全部列出，改正前不会导入任何题目。
        </Text>
        {me.data && (
          <Text className="manage-import__text">
            {isOrgAdmin(me.data) ? '导入的题目加入全单位题库。' : '导入的题目加入本支部题库。'}
          </Text>
        )}
        <XfButton type="primary" size="large" block loading={busy} onClick={() => void choose()}>
          {file ? '重新选择文件' : '选择文件并检查'}
        </XfButton>
        {file && <Text className="manage-import__file">已选择：{file.name}</Text>}
        {problem && (
          <View className="manage-import__problem" role="alert">
            {problem}
          </View>
        )}
      </Section>
      {report && (
        <Section title={done ? '导入完成' : '检查结果'}>
          <Text className={`manage-import__summary${done ? ' manage-import__summary--ok' : ''}`}>{report.message}</Text>
          {report.errors.length > 0 && (
            <View className="manage-import__errors" aria-label="有问题的行">
              {report.errors.map((e) => (
                <View key={e.row} className="manage-import__error">
                  <Tag tone="red">第 {e.row} 行</Tag>
                  {e.text && <Text className="manage-import__rowtext">{e.text}</Text>}
                  <Text className="manage-import__reason">{e.message}</Text>
                </View>
              ))}
            </View>
          )}
          {!done && file && clean > 0 && (
            <XfButton size="large" block loading={busy} onClick={() => void send(file, true)}>
              只导入无误的 {clean} 行
            </XfButton>
          )}
        </Section>
      )}
    </View>
  );
}
