import fs from 'node:fs';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import multipart from '@fastify/multipart';
import { Type } from 'typebox';
import { BranchParams, ErrorBody, guardedErrors, IdParams } from '../contract/common.js';
import {
  MyVolunteer,
  ReasonBody,
  UploadedPhoto,
  VolunteerListQuery,
  VolunteerRecord,
  VolunteerRecordBody,
  VolunteerRecordList,
} from '../contract/volunteer.js';
import { actorOf, ANY_ACCOUNT, MANAGERS } from '../plugins/guard.js';
import { AppError, badRequest, notFound } from '../errors.js';
import { yearOf } from '../lib/time.js';
import {
  addLoosePhoto,
  approveRecord,
  branchRecords,
  createRecord,
  myVolunteer,
  presentRecord,
  rejectRecord,
  reverseRecord,
  updateRecord,
} from '../volunteer/service.js';
import { deletePhotoFiles } from '../volunteer/photo-cleanup.js';
import { MAX_PHOTO_BYTES, photoPath, storePhoto } from '../volunteer/photos.js';

const volunteer: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(multipart, { limits: { fileSize: MAX_PHOTO_BYTES, files: 1, fields: 5, parts: 6 } });

  app.post(
    '/volunteer/photos',
    {
      config: { access: { roles: ['member'] } },
      schema: {
        tags: ['volunteer'],
        summary: '上传一张志愿服务照片（multipart，字段名 file；JPG/PNG/WebP，不超过 5 MB）',
        consumes: ['multipart/form-data'],
        response: { 200: UploadedPhoto, 409: ErrorBody, 413: ErrorBody, 415: ErrorBody, ...guardedErrors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (!request.isMultipart()) throw new AppError(415, 'PHOTO_REQUIRED', '请以表单文件方式上传照片');
      let bytes: Buffer | null = null;
      try {
        // Read every part, so a second file trips the one-file limit instead of being ignored.
        for await (const part of request.parts()) {
          if (part.type !== 'file') continue;
          if (bytes) throw badRequest('TOO_MANY_FILES', '每次只能上传一张照片');
          bytes = await part.toBuffer();
        }
      } catch (error) {
        if (error instanceof AppError) throw error;
        const code = (error as { code?: string }).code;
        if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(413, 'PHOTO_TOO_LARGE', '照片不能超过 5 MB');
        if (code === 'FST_FILES_LIMIT') throw badRequest('TOO_MANY_FILES', '每次只能上传一张照片');
        throw badRequest('PHOTO_UNREADABLE', '照片上传不完整，请重试');
      }
      if (!bytes) throw badRequest('PHOTO_REQUIRED', '请选择要上传的照片');
      const file = bytes;
      return addLoosePhoto(app.db, actor, async () => ({
        ...(await storePhoto(app.config.uploadsDir, file)),
        size: file.length,
      }));
    },
  );

  app.get(
    '/volunteer/photos/:id',
    {
      config: { access: { roles: ANY_ACCOUNT, scope: 'volunteerPhoto', relation: 'ownOrManage' } },
      schema: {
        tags: ['volunteer'],
        summary: '查看志愿服务照片（本人、本支部书记、组织管理员）',
        params: IdParams,
        response: { 200: Type.Any({ description: '图片' }), ...guardedErrors },
      },
    },
    async (request, reply) => {
      const photo = request.target.volunteerPhoto!;
      const file = photoPath(app.config.uploadsDir, photo.file_name);
      if (!fs.existsSync(file)) throw notFound('照片');
      reply.header('content-type', photo.mime).header('cache-control', 'private, max-age=3600');
      return reply.send(fs.createReadStream(file));
    },
  );

  app.post(
    '/volunteer/records',
    {
      config: { access: { roles: ['member'] }, idempotent: true },
      schema: {
        tags: ['volunteer'],
        summary: '登记志愿服务（照片可不传）',
        body: VolunteerRecordBody,
        response: { 200: VolunteerRecord, 409: ErrorBody, ...guardedErrors },
      },
    },
    async (request) => {
      const id = await createRecord(app.db, actorOf(request), request.body);
      return presentRecord(app.db, id);
    },
  );

  app.get(
    '/me/volunteer',
    {
      config: { access: { roles: ['member'] } },
      schema: {
        tags: ['volunteer'],
        summary: '我的志愿服务：年度时长与记录',
        querystring: Type.Object(
          { year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) },
          { additionalProperties: false },
        ),
        response: { 200: MyVolunteer, ...guardedErrors },
      },
    },
    async (request) => {
      return myVolunteer(app.db, actorOf(request).memberId, request.query.year ?? yearOf(Date.now()));
    },
  );

  app.get(
    '/volunteer/records/:id',
    {
      config: { access: { roles: ANY_ACCOUNT, scope: 'volunteerRecord', relation: 'ownOrManage' } },
      schema: {
        tags: ['volunteer'],
        summary: '一条志愿服务记录（本人、本支部书记、组织管理员）',
        params: IdParams,
        response: { 200: VolunteerRecord, ...guardedErrors },
      },
    },
    async (request) => presentRecord(app.db, request.target.volunteerRecord!.id),
  );

  app.put(
    '/volunteer/records/:id',
    {
      config: { access: { roles: ['member'], scope: 'volunteerRecord', relation: 'own' }, idempotent: true },
      schema: {
        tags: ['volunteer'],
        summary: '修改待审核记录，或修改被退回的记录后重新提交',
        params: IdParams,
        body: VolunteerRecordBody,
        response: { 200: VolunteerRecord, 409: ErrorBody, ...guardedErrors },
      },
    },
    async (request) => {
      const removed = await updateRecord(app.db, actorOf(request), request.params.id, request.body);
      // After the commit: a failed change keeps its photos.
      await deletePhotoFiles(app.config.uploadsDir, removed);
      return presentRecord(app.db, request.params.id);
    },
  );

  const review = { roles: MANAGERS, scope: 'volunteerRecord', decides: true } as const;

  app.post(
    '/volunteer/records/:id/approve',
    {
      config: { access: review },
      schema: {
        tags: ['volunteer'],
        summary: '审核通过（按小时计分，受每月上限限制）',
        params: IdParams,
        response: { 200: VolunteerRecord, 409: ErrorBody, ...guardedErrors },
      },
    },
    async (request) => {
      await approveRecord(app.db, actorOf(request), request.params.id);
      // Committed: tell the member, if they asked for the outcome.
      app.notifier.kick();
      return presentRecord(app.db, request.params.id);
    },
  );

  app.post(
    '/volunteer/records/:id/reject',
    {
      config: { access: review },
      schema: {
        tags: ['volunteer'],
        summary: '退回（须注明理由，党员可修改后重新提交）',
        params: IdParams,
        body: ReasonBody,
        response: { 200: VolunteerRecord, 409: ErrorBody, ...guardedErrors },
      },
    },
    async (request) => {
      await rejectRecord(app.db, actorOf(request), request.params.id, request.body.reason);
      app.notifier.kick();
      return presentRecord(app.db, request.params.id);
    },
  );

  app.post(
    '/volunteer/records/:id/reverse',
    {
      config: { access: review },
      schema: {
        tags: ['volunteer'],
        summary: '撤销已通过的记录并冲正其积分（须注明理由）',
        params: IdParams,
        body: ReasonBody,
        response: { 200: VolunteerRecord, 409: ErrorBody, ...guardedErrors },
      },
    },
    async (request) => {
      await reverseRecord(app.db, actorOf(request), request.params.id, request.body.reason);
      return presentRecord(app.db, request.params.id);
    },
  );

  app.get(
    '/branches/:branchId/volunteer/records',
    {
      config: { access: { roles: MANAGERS, scope: 'branch' } },
      schema: {
        tags: ['volunteer'],
        summary: '本支部的志愿服务记录（默认待审核）',
        params: BranchParams,
        querystring: VolunteerListQuery,
        response: { 200: VolunteerRecordList, ...guardedErrors },
      },
    },
    async (request) => {
      return branchRecords(app.db, request.target.branch!.id, request.query);
    },
  );
};

export default volunteer;
