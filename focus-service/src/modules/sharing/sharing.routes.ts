import { currentUser } from '@focushub/shared/auth'
import { contextOf } from '@focushub/shared/context'
import { type App, problems, routeScope } from '@focushub/shared/http'
import Type from 'typebox'
import type { FocusContext } from '../../context.ts'
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

export async function sharingRoutes(app: App, { ctx }: { ctx: FocusContext }) {
  routeScope(app, { tags: ['focus sharing'], access: 'user' })

  app.get(
    '/focus/sessions/shared',
    {
      schema: {
        summary: 'Sessions others shared with me (read-only)',
        querystring: SharedQuery,
        response: { 200: SharedPage, ...problems(400, 401) },
      },
    },
    async (request) => sharedWithMe(ctx, currentUser(request).userId, request.query.limit, request.query.cursor),
  )

  app.get(
    '/focus/sessions/:id/shares',
    {
      schema: {
        summary: "A session's recipients and public links",
        params: SessionParams,
        response: { 200: Shares, ...problems(400, 401, 404) },
      },
    },
    async (request) => sharesOf(ctx, currentUser(request).userId, request.params.id),
  )

  app.post(
    '/focus/sessions/:id/shares',
    {
      schema: {
        summary: 'Share a session read-only with people, by e-mail or user id',
        description:
          'Each e-mail is looked up at auth-service (active accounts only): one without an account answers 422 ' +
          '`recipient-unknown` naming it in `errors`; the directory unreachable 503, answering wrongly 502.',
        params: SessionParams,
        body: ShareBody,
        response: { 200: Shares, ...problems(400, 401, 404, 422, 502, 503) },
      },
    },
    async (request) =>
      shareSession(ctx, currentUser(request).userId, request.params.id, request.body, contextOf(request)),
  )

  app.delete(
    '/focus/sessions/:id/shares/:userId',
    {
      schema: {
        summary: 'Stop sharing a session with a user',
        params: RecipientParams,
        response: { 204: Type.Null(), ...problems(400, 401, 404) },
      },
    },
    async (request, reply) => {
      await unshareSession(
        ctx,
        currentUser(request).userId,
        request.params.id,
        request.params.userId,
        contextOf(request),
      )
      return reply.code(204).send(null)
    },
  )

  app.post(
    '/focus/sessions/:id/links',
    {
      schema: {
        summary: 'Create a public read-only link (the token is shown once)',
        params: SessionParams,
        body: LinkBody,
        response: { 201: CreatedLink, ...problems(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const hours = request.body?.expiresInHours ?? 168
      const link = await createPublicLink(
        ctx,
        currentUser(request).userId,
        request.params.id,
        hours,
        contextOf(request),
      )
      return reply.code(201).send(link)
    },
  )

  app.delete(
    '/focus/sessions/:id/links/:linkId',
    {
      schema: {
        summary: 'Revoke a public link (it answers 410 from then on)',
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
        contextOf(request),
      )
      return reply.code(204).send(null)
    },
  )
}
