// The check-in burst: 15,000 members of one organisation check in to one activity through the
// real route (session, validation, token check, attendance and the points entry in one
// transaction), each once, 100 at a time. The load process plays the members' phones: it
// reads the 6-digit code the secretary's screen would show (from the activity's secret).
import { randomBytes } from 'node:crypto';
import { defineScenario } from '../scenario.js';
import { currentToken } from '../../src/activities/token.js';
import { sha256 } from '../../src/lib/crypto.js';
import { publishRules } from '../../src/points/service.js';
import { defaultRules } from '../../src/points/rules.js';

const MEMBERS = 15_000;
const MIN = 60_000;

interface Info {
  activityId: number;
  secret: string;
  tokens: string[];
}

export default defineScenario<Info>({
  name: 'checkin',
  description: '15,000 members of one org check in once each to one activity (real route, points entry)',
  amount: MEMBERS,
  maxSeconds: 30,
  warmup: false,
  serve: async ({ handle, buildApp }) => {
    const db = handle.db;
    const now = Date.now();
    const org = await db
      .insertInto('orgs')
      .values({ name: '压测机关党委', ranking_visibility: 'opt_in', created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await publishRules(db, org.id, defaultRules, null, now);
    const branches: number[] = [];
    for (let b = 0; b < 30; b++) {
      const row = await db
        .insertInto('branches')
        .values({ org_id: org.id, name: `第${b + 1}党支部`, created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      branches.push(row.id);
    }
    const memberIds: number[] = [];
    const tokens: string[] = [];
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < MEMBERS; i += 500) {
        const rows = await trx
          .insertInto('members')
          .values(
            Array.from({ length: Math.min(500, MEMBERS - i) }, (_, k) => ({
              org_id: org.id,
              branch_id: branches[(i + k) % branches.length]!,
              name: `党员${i + k + 1}`,
              phone: null,
              gender: null,
              political_status: 'full',
              employment: 'in_service',
              joined_party_on: null,
              active: 1,
              created_at: now,
            })),
          )
          .returning('id')
          .execute();
        const ids = rows.map((r) => r.id);
        memberIds.push(...ids);
        await trx
          .insertInto('role_grants')
          .values(
            ids.map((id) => ({ member_id: id, org_id: org.id, role: 'member', branch_id: null, created_at: now })),
          )
          .execute();
        const batch = ids.map(() => randomBytes(32).toString('base64url'));
        tokens.push(...batch);
        await trx
          .insertInto('sessions')
          .values(
            ids.map((id, k) => ({
              token_hash: sha256(batch[k]!),
              member_id: id,
              created_at: now,
              expires_at: now + 24 * 60 * MIN,
            })),
          )
          .execute();
      }
    });
    const secret = randomBytes(32).toString('base64url');
    const activity = await db
      .insertInto('activities')
      .values({
        org_id: org.id,
        branch_id: null,
        type: 'theme_day',
        title: '全体党员主题党日',
        topic: '压测',
        place: '礼堂',
        lat: null,
        lng: null,
        radius_m: null,
        starts_at: now + 10 * MIN,
        ends_at: now + 130 * MIN,
        checkin_opens_at: now - 20 * MIN,
        checkin_closes_at: now + 130 * MIN,
        late_after: now + 20 * MIN,
        status: 'scheduled',
        secret,
        record: null,
        created_by: null,
        created_at: now,
        closed_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < memberIds.length; i += 1000) {
        await trx
          .insertInto('activity_invitees')
          .values(memberIds.slice(i, i + 1000).map((id) => ({ activity_id: activity.id, member_id: id })))
          .execute();
      }
    });
    return { app: await buildApp(), info: { activityId: activity.id, secret, tokens } };
  },
  requests: ({ activityId, secret, tokens }) => {
    let next = 0;
    return [
      {
        method: 'POST',
        path: `/api/activities/${activityId}/checkin`,
        setupRequest: (req) => {
          const token = tokens[next++ % tokens.length];
          return {
            ...req,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({ code: currentToken(secret, Date.now()).code }),
          };
        },
      },
    ];
  },
});
