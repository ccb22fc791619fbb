import { currentUser } from '@focushub/shared/auth'
import { contextOf } from '@focushub/shared/context'
import { type App, IfMatchHeaders, problems, routeScope } from '@focushub/shared/http'
import Type from 'typebox'
import type { FocusContext } from '../../context.ts'
import { Session, SessionParams } from '../sessions/sessions.schemas.ts'
import { EditBody, LogBody } from './manual.schemas.ts'
import { deleteLoggedSession, editLoggedSession, logSession } from './manual.service.ts'

export async function manualRoutes(app: App, { ctx }: { ctx: FocusContext }) {
  routeScope(app, { tags: ['focus'], access: 'user' })

  app.post(
    '/focus/sessions/manual',
    {
      schema: {
        summary: 'Log a past session starting within the backfill window (refused if it overlaps another)',
        body: LogBody,
        response: { 201: Session, ...problems(400, 401, 409, 422) },
      },
    },
    async (request, reply) => {
      const session = await logSession(ctx, currentUser(request).userId, request.body, contextOf(request))
      return reply.code(201).send(session)
    },
  )

  app.patch(
    '/focus/sessions/:id',
    {
      schema: {
        summary: 'Edit a logged session (its span only within the backfill window)',
        params: SessionParams,
        headers: IfMatchHeaders,
        body: EditBody,
        response: { 200: Session, ...problems(400, 401, 404, 409, 412, 422) },
      },
    },
    async (request) => {
      const { version, ...changes } = request.body
      const expected = version ?? request.ifMatchVersion
      return editLoggedSession(
        ctx,
        currentUser(request).userId,
        request.params.id,
        changes,
        expected,
        contextOf(request),
      )
    },
  )

  app.delete(
    '/focus/sessions/:id',
    {
      schema: {
        summary: 'Delete a logged session (of a day within the backfill window)',
        params: SessionParams,
        headers: IfMatchHeaders,
        response: { 204: Type.Null(), ...problems(400, 401, 404, 409, 412, 422) },
      },
    },
    async (request, reply) => {
      const expected = request.ifMatchVersion
      await deleteLoggedSession(ctx, currentUser(request).userId, request.params.id, expected, contextOf(request))
      return reply.code(204).send(null)
    },
  )
}
