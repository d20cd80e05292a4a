// Rankings (排名), voluntary by design: the org's rankingVisibility decides what anyone
// sees; the list holds only members who opted in, the top 50 at most, never the lower half.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { guardedErrors } from '../contract/common.js';
import { Ranking, RankingPreference, RankingQuery } from '../contract/rankings.js';
import { actorOf } from '../plugins/guard.js';
import type { RankReader } from '../rankings/service.js';
import { rankingFor, setRankingPreference } from '../rankings/view.js';

declare module 'fastify' {
  interface FastifyInstance {
    rankReader: RankReader;
  }
}

const rankings: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/rankings',
    {
      config: { access: { roles: ['member'] } },
      schema: {
        tags: ['rankings'],
        summary: '积分排名（按组织设置显示；榜单只列自愿参加的党员）',
        querystring: RankingQuery,
        response: { 200: Ranking, ...guardedErrors },
      },
    },
    async (request) => rankingFor(app.db, app.rankReader, actorOf(request), request.query, Date.now()),
  );

  app.put(
    '/me/ranking-preference',
    {
      config: { access: { roles: ['member'] } },
      schema: {
        tags: ['rankings'],
        summary: '是否愿意出现在排名榜单中（默认不出现）',
        body: RankingPreference,
        response: { 200: RankingPreference, ...guardedErrors },
      },
    },
    async (request) => setRankingPreference(app.db, actorOf(request), request.body.optIn),
  );
};

export default rankings;
