import { test } from 'node:test';
import assert from 'node:assert/strict';
import { QUESTION_BANK } from './questions.js';
import { questionProblems } from '../quiz/bank.js';

test('the demo bank holds at least 150 well-formed questions with distinct stems', () => {
  assert.ok(QUESTION_BANK.length >= 150, `${QUESTION_BANK.length} questions`);
  assert.equal(new Set(QUESTION_BANK.map((q) => q.stem)).size, QUESTION_BANK.length);
  for (const q of QUESTION_BANK) {
    assert.deepEqual(questionProblems({ ...q, source: q.source }), [], q.stem);
    assert.ok(q.tags.length > 0, q.stem);
  }
});

test('every explanation names its source: the document (with a clause or chapter) or a dated event', () => {
  const documents = [
    '《中国共产党章程》',
    '《中国共产党支部工作条例（试行）》',
    '《中国共产党纪律处分条例》',
    '《关于新形势下党内政治生活的若干准则》',
  ];
  for (const q of QUESTION_BANK) {
    if (q.source === '党史') {
      assert.match(q.explanation, /\d{4}年/, q.stem);
      continue;
    }
    assert.ok(documents.includes(q.source), q.source);
    assert.ok(q.explanation.startsWith(q.source), `${q.stem}: cites ${q.source}`);
  }
  const bySource = new Map<string, number>();
  for (const q of QUESTION_BANK) bySource.set(q.source, (bySource.get(q.source) ?? 0) + 1);
  for (const source of [...documents, '党史']) assert.ok((bySource.get(source) ?? 0) >= 10, source);
});

test('the kinds are mixed and multiple-choice answers are not all the same pattern', () => {
  const kinds = new Set(QUESTION_BANK.map((q) => q.kind));
  assert.deepEqual([...kinds].sort(), ['judge', 'multiple', 'single']);
  const judges = QUESTION_BANK.filter((q) => q.kind === 'judge');
  assert.ok(
    judges.some((q) => q.answer[0] === 1),
    'some statements are false',
  );
});
