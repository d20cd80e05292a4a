// The single error handler: every failure leaves as `{ code, message }` with a Chinese
// message; 5xx details go to the log, never to the client.
import fp from 'fastify-plugin';
import type { FastifyError } from 'fastify';
import { AppError } from '../errors.js';

interface AjvIssue {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
}

const CONTEXT_LABEL: Record<string, string> = {
  body: '请求内容',
  params: '路径参数',
  querystring: '查询参数',
  headers: '请求头',
};

function fieldOf(issue: AjvIssue): string {
  const path = issue.instancePath.replace(/^\//, '').replace(/\//g, '.');
  if (issue.keyword === 'required') return [path, String(issue.params.missingProperty)].filter(Boolean).join('.');
  if (issue.keyword === 'additionalProperties') {
    return [path, String(issue.params.additionalProperty)].filter(Boolean).join('.');
  }
  return path || '(整体)';
}

function describe(issue: AjvIssue): string {
  const p = issue.params;
  switch (issue.keyword) {
    case 'required':
      return '为必填项';
    case 'additionalProperties':
      return '不是可接受的字段';
    case 'type':
      return `类型不正确，应为${({ string: '文本', integer: '整数', number: '数字', boolean: '是/否', object: '对象', array: '列表' } as Record<string, string>)[String(p.type)] ?? String(p.type)}`;
    case 'minLength':
      return `长度不能少于 ${String(p.limit)} 个字符`;
    case 'maxLength':
      return `长度不能超过 ${String(p.limit)} 个字符`;
    case 'minimum':
    case 'exclusiveMinimum':
      return `不能小于 ${String(p.limit)}`;
    case 'maximum':
    case 'exclusiveMaximum':
      return `不能大于 ${String(p.limit)}`;
    case 'minItems':
      return `至少需要 ${String(p.limit)} 项`;
    case 'maxItems':
      return `最多 ${String(p.limit)} 项`;
    case 'pattern':
    case 'format':
      return '格式不正确';
    case 'enum':
    case 'const':
    case 'anyOf':
      return '取值不在允许范围内';
    default:
      return '不符合要求';
  }
}

export default fp(
  async (app) => {
    app.setErrorHandler((error: FastifyError & { validationContext?: string }, request, reply) => {
      if (error instanceof AppError) {
        if (error.statusCode >= 500) request.log.error({ err: error }, 'domain error');
        return reply
          .status(error.statusCode)
          .send({ code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) });
      }
      if (error.validation) {
        const issues = (error.validation as AjvIssue[]).map((issue) => ({
          field: fieldOf(issue),
          message: describe(issue),
        }));
        const first = issues[0];
        const where = CONTEXT_LABEL[error.validationContext ?? 'body'] ?? '请求';
        return reply.status(400).send({
          code: 'VALIDATION_FAILED',
          message: first ? `${where}有误：${first.field} ${first.message}` : `${where}有误`,
          details: issues,
        });
      }
      switch (error.code) {
        case 'FST_ERR_CTP_INVALID_JSON_BODY':
        case 'FST_ERR_CTP_EMPTY_JSON_BODY':
          return reply.status(400).send({ code: 'INVALID_JSON', message: '请求内容不是有效的 JSON' });
        case 'FST_ERR_CTP_BODY_TOO_LARGE':
          return reply.status(413).send({ code: 'PAYLOAD_TOO_LARGE', message: '请求内容过大' });
        case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
          return reply.status(415).send({ code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的内容类型，请使用 JSON' });
        default:
          break;
      }
      const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
      if (status < 500) {
        return reply.status(status).send({ code: 'BAD_REQUEST', message: '请求无法处理' });
      }
      request.log.error({ err: error }, 'unhandled error');
      return reply.status(500).send({ code: 'INTERNAL', message: '服务器内部错误，请稍后再试' });
    });

    app.setNotFoundHandler((request, reply) => {
      reply
        .status(404)
        .send({ code: 'ROUTE_NOT_FOUND', message: `接口不存在：${request.method} ${request.url.split('?')[0]}` });
    });
  },
  { name: 'errors' },
);
