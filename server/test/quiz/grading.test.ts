import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  drawPool,
  gradeQuestion,
  optionOrder,
  plausibleSeconds,
  scoreOf,
  shuffle,
  toOriginal,
  toShown,
} from '../../src/quiz/grading.js';

test('single and true/false are all or nothing', () => {
  assert.equal(gradeQuestion('single', [1], [1]), 1);
  assert.equal(gradeQuestion('single', [1], [2]), 0);
  assert.equal(gradeQuestion('single', [1], []), 0);
  assert.equal(gradeQuestion('judge', [0], [0]), 1);
  assert.equal(gradeQuestion('judge', [0], [1]), 0);
});

test('multiple choice: exact is full, a correct subset is half, any wrong pick is nothing', () => {
  assert.equal(gradeQuestion('multiple', [0, 2, 3], [3, 0, 2]), 1);
  assert.equal(gradeQuestion('multiple', [0, 2, 3], [0, 2]), 0.5);
  assert.equal(gradeQuestion('multiple', [0, 2, 3], [2]), 0.5);
  assert.equal(gradeQuestion('multiple', [0, 2, 3], [0, 1]), 0);
  assert.equal(gradeQuestion('multiple', [0, 2, 3], [0, 1, 2, 3]), 0);
  assert.equal(gradeQuestion('multiple', [0, 2, 3], []), 0);
});

test('score out of 100; full marks only when every answer is exact', () => {
  assert.equal(scoreOf([1, 1, 1, 1]), 100);
  assert.equal(scoreOf([1, 0.5, 0, 1]), 63);
  assert.equal(scoreOf([]), 0);
  assert.equal(scoreOf([...Array(199).fill(1), 0.5]), 99);
});

test('shuffles are permutations; true/false keeps its order; mapping round-trips', () => {
  let i = 0;
  const fixed = (n: number) => (i++ * 7) % n;
  const order = optionOrder('single', 5, fixed);
  assert.deepEqual([...order].sort(), [0, 1, 2, 3, 4]);
  assert.deepEqual(optionOrder('judge', 2), [0, 1]);
  const shownOrder = [2, 0, 3, 1];
  assert.deepEqual(toOriginal(shownOrder, [0, 3]), [1, 2]);
  assert.deepEqual(toShown(shownOrder, [1, 2]), [0, 3]);
  assert.deepEqual(toOriginal(shownOrder, [9]), []);
  const many = new Set(Array.from({ length: 30 }, () => shuffle([1, 2, 3, 4, 5, 6]).join()));
  assert.ok(many.size > 1, 'the crypto shuffle varies');
});

test('draw pool filters by kind, tag and difficulty', () => {
  const bank = [
    { id: 1, kind: 'single', tags: ['党章'], difficulty: 1 },
    { id: 2, kind: 'multiple', tags: ['党史'], difficulty: 2 },
    { id: 3, kind: 'judge', tags: ['党章', '纪律'], difficulty: 3 },
  ];
  assert.deepEqual(
    drawPool(bank, { count: 1, tags: ['党章'] }).map((q) => q.id),
    [1, 3],
  );
  assert.deepEqual(
    drawPool(bank, { count: 1, kinds: ['multiple', 'judge'], difficulties: [3] }).map((q) => q.id),
    [3],
  );
  assert.equal(drawPool(bank, { count: 1 }).length, 3);
});

test('plausible reading time grows with the text and has a floor per question', () => {
  assert.equal(plausibleSeconds([{ stem: '短', options: ['是', '否'] }]), 2);
  assert.equal(plausibleSeconds([{ stem: '字'.repeat(500), options: ['甲'.repeat(100)] }]), 24);
});
