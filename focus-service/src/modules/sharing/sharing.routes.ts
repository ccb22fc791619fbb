import { type App, currentUser, problems } from '@focushub/shared'
import Type from 'typebox'
import { type FocusContext, metaOf } from '../../context.ts'
import { SessionParams } from '../sessions/sessions.schemas.ts'
import {
  CreatedLink,
  LinkBody,
  LinkParams,
  RecipientParams,
  ShareBody,
  SharedPage,
  SharedQuery,
  Shares,
} from './sharing.schemas.ts'
import {
  createPublicLink,
  revokePublicLink,
  sharedWithMe,
  shareSession,
  sharesOf,
  unshareSession,
} from './sharing.service.ts'

const tags = ['focus sharing']
const security = [{ bearerAuth: [] }]

export async function sharingRoutes(app: App, { ctx }: { ctx: FocusContext }) {
  app.get(
    '/focus/sessions/shared',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: 'Sessions others shared with me (read-only)',
        security,
        querystring: SharedQuery,
        response: { 200: SharedPage, ...problems(400, 401) },
      },
    },
    async (request) => sharedWithMe(ctx, currentUser(request).userId, request.query.limit, request.query.cursor),
  )

  app.get(
    '/focus/sessions/:id/shares',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: "A session's recipients and public links",
        security,
        params: SessionParams,
        response: { 200: Shares, ...problems(400, 401, 404) },
      },
    },
    async (request) => sharesOf(ctx, currentUser(request).userId, request.params.id),
  )

  app.post(
    '/focus/sessions/:id/shares',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: 'Share a session read-only with users',
        security,
        params: SessionParams,
        body: ShareBody,
        response: { 200: Shares, ...problems(400, 401, 404, 422) },
      },
    },
    async (request) =>
      shareSession(ctx, currentUser(request).userId, request.params.id, request.body.userIds, metaOf(request)),
  )

  app.delete(
    '/focus/sessions/:id/shares/:userId',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: 'Stop sharing a session with a user',
        security,
        params: RecipientParams,
        response: { 204: Type.Null(), ...problems(400, 401, 404) },
      },
    },
    async (request, reply) => {
      await unshareSession(ctx, currentUser(request).userId, request.params.id, request.params.userId, metaOf(request))
      return reply.code(204).send(null)
    },
  )

  app.post(
    '/focus/sessions/:id/links',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: 'Create a public read-only link (the token is shown once)',
        security,
        params: SessionParams,
        body: LinkBody,
        response: { 201: CreatedLink, ...problems(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const hours = request.body?.expiresInHours ?? 168
      const link = await createPublicLink(ctx, currentUser(request).userId, request.params.id, hours, metaOf(request))
      return reply.code(201).send(link)
    },
  )

  app.delete(
    '/focus/sessions/:id/links/:linkId',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: 'Revoke a public link (it answers 410 from then on)',
        security,
        params: LinkParams,
        response: { 204: Type.Null(), ...problems(400, 401, 404) },
      },
    },
    async (request, reply) => {
      await revokePublicLink(
        ctx,
        currentUser(request).userId,
        request.params.id,
        request.params.linkId,
        metaOf(request),
      )
      return reply.code(204).send(null)
    },
  )
}
