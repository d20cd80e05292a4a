// An organisation's settings: today the ranking visibility (国办函〔2026〕12号: rankings are
// the organisation's deliberate choice, audited).
import type { Actor } from '../auth/actor.js';
import type { OrgSettings } from '../contract/rankings.js';
import type { Db } from '../db/index.js';
import { audit } from '../lib/audit.js';

export async function orgSettings(db: Db, orgId: number): Promise<OrgSettings> {
  const org = await db
    .selectFrom('orgs')
    .select('ranking_visibility')
    .where('id', '=', orgId)
    .executeTakeFirstOrThrow();
  return { rankingVisibility: org.ranking_visibility as OrgSettings['rankingVisibility'] };
}

export async function saveOrgSettings(db: Db, actor: Actor, orgId: number, settings: OrgSettings): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('orgs')
      .set({ ranking_visibility: settings.rankingVisibility })
      .where('id', '=', orgId)
      .execute();
    await audit(trx, {
      orgId,
      actorId: actor.memberId,
      action: 'org.settings',
      targetType: 'org',
      targetId: orgId,
      detail: { rankingVisibility: settings.rankingVisibility },
    });
  });
}
