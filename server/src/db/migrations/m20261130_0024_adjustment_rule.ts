import { sql, type Kysely } from 'kysely';
import { isSqlite } from './helpers.js';

// An objection settled by adjusting a disputed entry is booked under its own rule,
// `adjustment` (异议调整, either sign), not under 表彰奖励 or 扣分: it corrects a record, it is
// neither an award nor a punishment, and it must not use up the member's award cap.
// - The manual-sign check learns the new rule: a manual `adjustment` entry is never 0.
// - Every stored rule set gains the rule. It pays only when a manager settles an objection,
//   so no amount any version paid changes; an adjustment is dated like the entry it corrects
//   and finds the rule in whatever version was in force then. (Frozen copy of the rule here.)
const ADJUSTMENT = {
  code: 'adjustment',
  label: '异议调整',
  description: '处理党员异议时对原记录的更正，可加可减，须注明理由',
  points: 0,
  min: -10,
  max: 10,
  capGroup: 'adjustment',
};

const holds = (r: string) =>
  `${r}source_type = 'reversal'` +
  ` OR (${r}rule_code = 'award' AND ${r}delta > 0) OR (${r}rule_code = 'deduction' AND ${r}delta < 0)` +
  ` OR (${r}rule_code = 'adjustment' AND ${r}source_type = 'manual' AND ${r}delta <> 0)` +
  ` OR (${r}rule_code NOT IN ('award', 'deduction', 'adjustment') AND ${r}source_type <> 'manual')`;

const before = (r: string) =>
  `${r}source_type = 'reversal'` +
  ` OR (${r}rule_code = 'award' AND ${r}delta > 0) OR (${r}rule_code = 'deduction' AND ${r}delta < 0)` +
  ` OR (${r}rule_code NOT IN ('award', 'deduction') AND ${r}source_type <> 'manual')`;

const NAME = 'points_ledger_manual_sign_ck';
const run = (db: Kysely<unknown>, text: string) => sql.raw(text).execute(db);

async function setCheck(db: Kysely<unknown>, condition: (r: string) => string) {
  if (isSqlite(db)) {
    for (const op of ['INSERT', 'UPDATE']) {
      await run(db, `DROP TRIGGER IF EXISTS ${NAME}_${op.toLowerCase()}`);
      await run(
        db,
        `CREATE TRIGGER ${NAME}_${op.toLowerCase()} BEFORE ${op} ON points_ledger
           WHEN NOT (${condition('NEW.')})
         BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: ${NAME}'); END`,
      );
    }
  } else {
    await run(db, `ALTER TABLE points_ledger DROP CONSTRAINT IF EXISTS ${NAME}`);
    await run(db, `ALTER TABLE points_ledger ADD CONSTRAINT ${NAME} CHECK (${condition('')})`);
  }
}

async function setRule(db: Kysely<unknown>, add: boolean) {
  const { rows } = await sql<{ id: number; rules: string }>`select id, rules from points_rule_sets`.execute(db);
  for (const row of rows) {
    const rules = JSON.parse(row.rules) as { rules: Array<{ code: string }> };
    const has = rules.rules.some((r) => r.code === ADJUSTMENT.code);
    if (add === has) continue;
    rules.rules = add ? [...rules.rules, ADJUSTMENT] : rules.rules.filter((r) => r.code !== ADJUSTMENT.code);
    await sql`update points_rule_sets set rules = ${JSON.stringify(rules)} where id = ${row.id}`.execute(db);
  }
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const apply = async (trx: Kysely<unknown>) => {
    await setCheck(trx, holds);
    await setRule(trx, true);
  };
  if (isSqlite(db)) await db.transaction().execute(apply);
  else await apply(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await setRule(db, false);
  await setCheck(db, before);
}
