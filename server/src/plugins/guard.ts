// The one place that decides who may call what. Routes declare `config.access`; this
// plugin authenticates in onRequest and authorises in preHandler, once params are valid.
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../contract/common.js';
import { actorFromToken, managesBranch, type Actor } from '../auth/actor.js';
import { forbidden, notFound, unauthenticated } from '../errors.js';

export interface AccessRule {
  /** At least one of these roles. Omitted: any signed-in account. */
  roles?: Role[];
  /**
   * What the route's params point at, and who may touch it:
   * - branch (:branchId): its secretary, or the admin of its org
   * - org (:orgId): the admin of that org
   * - member (:memberId): that member's secretary, the admin of the org, and the member if `allowSelf`
   */
  scope?: 'branch' | 'org' | 'member';
  allowSelf?: boolean;
}

export interface ResolvedTarget {
  branch?: { id: number; org_id: number; name: string };
  member?: { id: number; org_id: number; branch_id: number | null; name: string };
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: 'public' | AccessRule;
  }
  interface FastifyRequest {
    actorOrNull: Actor | null;
    target: ResolvedTarget;
  }
}

/** The signed-in actor; routes behind the guard can rely on it. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actorOrNull) throw unauthenticated();
  return request.actorOrNull;
}

const ROLE_LABEL: Record<Role, string> = { member: '党员', secretary: '支部书记', org_admin: '组织管理员' };

export default fp(
  async (app) => {
    app.decorateRequest('actorOrNull', null);
    app.decorateRequest('target', null as unknown as ResolvedTarget);

    app.addHook('onRequest', async (request: FastifyRequest) => {
      request.target = {};
      const access = request.routeOptions.config.access;
      if (access === 'public') return;
      const header = request.headers.authorization;
      const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : '';
      if (!token) throw unauthenticated();
      request.actorOrNull = await actorFromToken(app.db, token);
    });

    app.addHook('preHandler', async (request: FastifyRequest, _reply: FastifyReply) => {
      const access = request.routeOptions.config.access;
      if (access === 'public' || !access) return;
      const actor = actorOf(request);
      if (access.roles && !access.roles.some((r) => actor.roles.includes(r))) {
        throw forbidden(`此操作仅限${access.roles.map((r) => ROLE_LABEL[r]).join('或')}`, 'FORBIDDEN_ROLE');
      }
      const params = request.params as Record<string, number | undefined>;
      switch (access.scope) {
        case 'org': {
          const orgId = params.orgId as number;
          const org = await app.db.selectFrom('orgs').select('id').where('id', '=', orgId).executeTakeFirst();
          if (!org) throw notFound('组织');
          if (!(actor.isOrgAdmin && actor.orgId === orgId)) throw forbidden('只能管理本单位的组织', 'FORBIDDEN_SCOPE');
          break;
        }
        case 'branch': {
          const branch = await app.db
            .selectFrom('branches')
            .select(['id', 'org_id', 'name'])
            .where('id', '=', params.branchId as number)
            .executeTakeFirst();
          if (!branch) throw notFound('支部');
          if (!managesBranch(actor, branch)) throw forbidden('只能管理本支部的事务', 'FORBIDDEN_SCOPE');
          request.target.branch = branch;
          break;
        }
        case 'member': {
          const member = await app.db
            .selectFrom('members')
            .select(['id', 'org_id', 'branch_id', 'name'])
            .where('id', '=', params.memberId as number)
            .executeTakeFirst();
          if (!member) throw notFound('党员');
          const self = access.allowSelf && member.id === actor.memberId;
          const manages =
            (actor.isOrgAdmin && actor.orgId === member.org_id) ||
            (member.branch_id !== null && actor.secretaryOf.includes(member.branch_id));
          if (!self && !manages) throw forbidden('只能查看或管理本支部党员', 'FORBIDDEN_SCOPE');
          request.target.member = member;
          break;
        }
        default:
          break;
      }
    });
  },
  { name: 'guard', dependencies: ['database'] },
);
