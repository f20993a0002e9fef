import {
  ZErrorBody,
  ZIdParams,
  ZNotice,
  ZNoticeForward,
  ZNoticeIssue,
  ZNoticeList,
  ZNoticeListQuery,
  ZNoticeRollup,
  ZNoticeUrgeResult,
  ZRecipientOptions,
} from '@tiegui/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/types';
import { workflowRoutes } from '../../workflow/workflow.routes';
import { forwardNotice, getNotice, issueNotice, listNotices, type NoticeDeps } from './notice.service';
import { NOTICE_SIGN_OFF_MODULE, signOffNotice } from './notice.workflow';
import { recipientOptions } from './notice-recipients';
import { noticeRollup, urgeNotice } from './notice-rollup.service';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody };

export const noticeRoutes =
  (deps: NoticeDeps): FastifyPluginAsyncZod =>
  async (app) => {
    // `POST /notices/:id/actions/signOff`; /sign-off below is the same action under the web's name.
    await app.register(
      workflowRoutes(NOTICE_SIGN_OFF_MODULE, deps, {
        records: 'notices',
        tag: 'notices',
        permission: 'notice.read',
        response: ZNotice,
      }),
    );
    app.get(
      '/notices',
      {
        config: { permission: 'notice.read' },
        schema: {
          tags: ['notices'],
          summary: '收文（box=inbox，未签收在前）或发文（box=sent）',
          querystring: ZNoticeListQuery,
          response: { 200: ZNoticeList, ...errors },
        },
      },
      async (request) => listNotices(deps, actorOf(request.session), request.query.box),
    );
    app.get(
      '/notices/recipient-options',
      {
        config: { permission: 'notice.issue' },
        schema: {
          tags: ['notices'],
          summary: '可选接收单位（本单位管辖范围内）和按类别的数量',
          response: { 200: ZRecipientOptions, ...errors },
        },
      },
      async (request) => recipientOptions(deps.db, actorOf(request.session)),
    );
    app.post(
      '/notices',
      {
        config: { permission: 'notice.issue' },
        schema: {
          tags: ['notices'],
          summary: '发文',
          body: ZNoticeIssue,
          response: { 201: ZNotice, ...errors },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await issueNotice(deps, actorOf(request.session), request.body)),
    );
    app.get(
      '/notices/:id',
      {
        config: { permission: 'notice.read' },
        schema: {
          tags: ['notices'],
          summary: '通知详情（本单位首次打开即记为已阅）',
          params: ZIdParams,
          response: { 200: ZNotice, ...errors },
        },
      },
      async (request) => getNotice(deps, actorOf(request.session), request.params.id),
    );
    app.post(
      '/notices/:id/sign',
      {
        config: { permission: 'notice.read' },
        schema: {
          tags: ['notices'],
          summary: '签收',
          params: ZIdParams,
          response: { 200: ZNotice, ...errors },
        },
      },
      async (request) => signOffNotice(deps, actorOf(request.session), request.params.id),
    );
    app.post(
      '/notices/:id/forward',
      {
        config: { permission: 'notice.issue' },
        schema: {
          tags: ['notices'],
          summary: '转发（本单位的文号、正文、附件、期限和接收单位；未签收的同时签收）',
          params: ZIdParams,
          body: ZNoticeForward,
          response: { 201: ZNotice, ...errors },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await forwardNotice(deps, actorOf(request.session), request.params.id, request.body)),
    );
    app.get(
      '/notices/:id/rollup',
      {
        config: { permission: 'notice.read' },
        schema: {
          tags: ['notices'],
          summary: '逐级落实情况：整条转发链的送达、阅读、签收、转发，未送达和未签收的单位',
          params: ZIdParams,
          response: { 200: ZNoticeRollup, ...errors },
        },
      },
      async (request) => noticeRollup(deps, actorOf(request.session), request.params.id),
    );
    app.post(
      '/notices/:id/urge',
      {
        config: { permission: 'notice.issue' },
        schema: {
          tags: ['notices'],
          summary: '催办：通知本单位范围内未签收的单位签收，未传达到位的上级单位转发',
          params: ZIdParams,
          response: { 200: ZNoticeUrgeResult, ...errors },
        },
      },
      async (request) => urgeNotice(deps, actorOf(request.session), request.params.id),
    );
  };
