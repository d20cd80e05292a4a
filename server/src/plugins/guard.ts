// The one place that decides who may call what. Every /api route declares `config.access`
// (a route without one stops the server at start-up: deny by default); this plugin
// authenticates in onRequest and, once params are valid, loads the resource the route
// addresses and decides in preHandler. Routes and services receive the loaded row in
// `request.target` and do not check access again.
import fp from 'fastify-plugin';
import type { FastifyRequest, RouteOptions } from 'fastify';
import type { Role } from '../contract/common.js';
import { actorFromToken, type Actor } from '../auth/actor.js';
import { manages, resourceKinds, type Placement, type ResourceRows, type Scope } from '../auth/resources.js';
import type { Db } from '../db/index.js';
import { forbidden, notFound, unauthenticated } from '../errors.js';

export type { Scope } from '../auth/resources.js';

/**
 * Who, relative to the addressed resource, may call the route:
 * - manage: a manager of its branch, or an admin of its org (the only managers of an org-wide resource)
 * - own: the member it concerns
 * - ownOrManage: either
 * - audienceOrManage: a member it is for (an activity's invitee), or a manager
 * - oversee: a manager; org-wide resources may be read by every manager of the org
 * - org: anyone of its organisation (the domain then applies its own rule, e.g. "invited")
 */
export type Relation = 'manage' | 'own' | 'ownOrManage' | 'audienceOrManage' | 'oversee' | 'org';

export interface AccessRule {
  /** At least one of these roles. Every account holds `member`; managers also hold theirs. */
  roles: readonly Role[];
  /** What the route's params point at; the guard loads it once into `request.target`. */
  scope?: Scope;
  /** Default: `manage`. */
  relation?: Relation;
  /**
   * The route decides something about a member (points, attendance, leave, a review, an
   * objection): nobody decides their own case. The member is `:memberId` when the route
   * names one, else the member the resource concerns.
   */
  decides?: boolean;
  /**
   * Where `decides` finds the member when neither the params nor the resource name one:
   * `body` reads `memberId` from the (validated) body, e.g. an invite code issued in a
   * branch for one of its members.
   */
  decidesFor?: 'body';
}

/** `public` routes need no session (sign-in, health); everything else names its rule. */
export type Access = 'public' | AccessRule;

export type ResolvedTarget = Partial<ResourceRows>;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
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

export const ANY_ACCOUNT: readonly Role[] = ['member', 'secretary', 'branch_manager', 'org_admin'];
/** Who manages: a branch's secretary or other manager (for that branch), an org admin (for the org). */
export const MANAGERS: readonly Role[] = ['secretary', 'branch_manager', 'org_admin'];

const ROLE_LABEL: Record<Role, string> = {
  member: '党员',
  secretary: '支部书记',
  branch_manager: '支部管理人员',
  org_admin: '组织管理员',
};
const RELATIONS: readonly Relation[] = ['manage', 'own', 'ownOrManage', 'audienceOrManage', 'oversee', 'org'];

/** Throws unless the route's declaration is complete and matches its URL; returns it. */
export function checkDeclaration(route: Pick<RouteOptions, 'method' | 'url' | 'config'>): Access {
  const where = `${String(route.method)} ${route.url}`;
  const access = (route.config as { access?: unknown } | undefined)?.access as Access | undefined;
  if (access === 'public') return access;
  if (!access || typeof access !== 'object') {
    throw new Error(`${where} declares no access rule (config.access): every /api route must say who may call it`);
  }
  if (!Array.isArray(access.roles) || access.roles.length === 0) {
    throw new Error(`${where}: config.access.roles must name at least one role`);
  }
  if (access.relation && !RELATIONS.includes(access.relation)) {
    throw new Error(`${where}: unknown relation ${access.relation}`);
  }
  if (access.scope) {
    const kind = resourceKinds[access.scope];
    if (!kind) throw new Error(`${where}: unknown scope ${access.scope}`);
    if (!route.url.includes(`:${kind.param}`)) throw new Error(`${where}: scope ${access.scope} needs :${kind.param}`);
  } else if (access.relation || access.decides) {
    throw new Error(`${where}: relation and decides need a scope`);
  }
  if (access.decidesFor && !access.decides) throw new Error(`${where}: decidesFor needs decides`);
  return access;
}

/** A short description of a rule, published in the OpenAPI document as `x-access`. */
export function describeAccess(access: Access): string {
  if (access === 'public') return 'public';
  const parts = [`roles=${access.roles.join('|')}`];
  if (access.scope) parts.push(`scope=${access.scope}`, `relation=${access.relation ?? 'manage'}`);
  if (access.decides) parts.push('decides (not for oneself)');
  if (access.decidesFor) parts.push(`member from ${access.decidesFor}`);
  return parts.join('; ');
}

function allowed(actor: Actor, relation: Relation, placement: Placement): boolean {
  const own = placement.memberId !== null && placement.memberId === actor.memberId;
  switch (relation) {
    case 'manage':
      return manages(actor, placement);
    case 'own':
      return own && actor.orgId === placement.orgId;
    case 'ownOrManage':
      return (own && actor.orgId === placement.orgId) || manages(actor, placement);
    case 'audienceOrManage':
      return placement.inAudience === true || manages(actor, placement);
    case 'oversee':
      return (
        manages(actor, placement) ||
        (placement.branchId === null &&
          actor.orgId === placement.orgId &&
          (actor.isOrgAdmin || actor.managerOf.length > 0))
      );
    case 'org':
      return actor.orgId === placement.orgId;
  }
}

const SCOPE_REFUSAL: Partial<Record<Relation, string>> = {
  own: '只能查看或操作本人的记录',
  ownOrManage: '只能查看本人或本支部党员的记录',
};

/** Nobody decides their own case: say who can. */
async function refuseSelfCase(db: Db, actor: Actor): Promise<never> {
  if (!actor.isOrgAdmin) {
    throw forbidden('不能处理本人的事项，请由组织管理员或本支部其他管理人员处理', 'SELF_REVIEW');
  }
  const others = await db
    .selectFrom('role_grants')
    .select('member_id')
    .where('org_id', '=', actor.orgId)
    .where('role', '=', 'org_admin')
    .where('member_id', '!=', actor.memberId)
    .limit(1)
    .execute();
  throw forbidden(
    others.length
      ? '不能处理本人的事项，请由本单位其他组织管理员处理'
      : '不能处理本人的事项；本单位只有您一位组织管理员，请先任命另一位组织管理员，由其处理',
    'SELF_REVIEW',
  );
}

export default fp(
  async (app) => {
    app.decorateRequest('actorOrNull', null);
    app.decorateRequest('target', null as unknown as ResolvedTarget);

    // Deny by default: a route that does not say who may call it does not start.
    app.addHook('onRoute', (route) => {
      const access = checkDeclaration(route);
      route.schema = { ...(route.schema ?? {}), 'x-access': describeAccess(access) } as typeof route.schema;
      if (access === 'public') (route.schema as { security?: unknown[] }).security = [];
    });

    app.addHook('onRequest', async (request: FastifyRequest) => {
      request.target = {};
      const access = request.routeOptions.config.access;
      if (access === 'public') return;
      const header = request.headers.authorization;
      const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : '';
      if (!token) throw unauthenticated();
      request.actorOrNull = await actorFromToken(app.db, token);
    });

    app.addHook('preHandler', async (request: FastifyRequest) => {
      const access = request.routeOptions.config.access;
      if (access === 'public') return;
      // Unreachable for a declared route; kept so a mistake can never open a route.
      if (!access) throw forbidden();
      const actor = actorOf(request);
      if (!access.roles.some((r) => actor.roles.includes(r))) {
        throw forbidden(`此操作仅限${access.roles.map((r) => ROLE_LABEL[r]).join('或')}`, 'FORBIDDEN_ROLE');
      }
      if (!access.scope) return;
      const scope = access.scope;
      const kind = resourceKinds[scope];
      const params = request.params as Record<string, unknown>;
      const loaded = await kind.load(app.db, Number(params[kind.param]), actor, params);
      if (!loaded) throw notFound(kind.noun);
      const relation = access.relation ?? 'manage';
      if (!allowed(actor, relation, loaded.placement)) {
        // Another organisation's resource is not even confirmed to exist to an audience route.
        if (relation === 'org') throw notFound(kind.noun);
        if (relation === 'audienceOrManage' && kind.notInAudience && actor.orgId === loaded.placement.orgId) {
          throw forbidden(kind.notInAudience.message, kind.notInAudience.code);
        }
        const own =
          actor.orgId === loaded.placement.orgId ? kind.refusal?.(actor, relation, loaded.row as never) : undefined;
        if (own) throw own;
        throw forbidden(SCOPE_REFUSAL[relation] ?? '只能管理本支部的事务', 'FORBIDDEN_SCOPE');
      }
      if (access.decides) {
        const body = request.body as { memberId?: unknown } | undefined;
        const subject =
          access.decidesFor === 'body'
            ? Number(body?.memberId)
            : params.memberId !== undefined
              ? Number(params.memberId)
              : loaded.placement.memberId;
        if (subject === actor.memberId) await refuseSelfCase(app.db, actor);
      }
      (request.target as Record<string, unknown>)[scope] = loaded.row;
    });
  },
  { name: 'guard', dependencies: ['database'] },
);
