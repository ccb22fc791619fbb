import { type App, currentUser, expectedVersion, IfMatchHeaders, problems } from '@focushub/shared'
import Type from 'typebox'
import { type FocusContext, metaOf } from '../../context.ts'
import { Session, SessionParams } from '../sessions/sessions.schemas.ts'
import { EditBody, LogBody } from './manual.schemas.ts'
import { deleteLoggedSession, editLoggedSession, logSession } from './manual.service.ts'

const security = [{ bearerAuth: [] }]

export async function manualRoutes(app: App, { ctx }: { ctx: FocusContext }) {
  app.post(
    '/focus/sessions/manual',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['focus'],
        summary: 'Log a past session starting within the backfill window (refused if it overlaps another)',
        security,
        body: LogBody,
        response: { 201: Session, ...problems(400, 401, 409, 422) },
      },
    },
    async (request, reply) => {
      const session = await logSession(ctx, currentUser(request).userId, request.body, metaOf(request))
      return reply.code(201).send(session)
    },
  )

  app.patch(
    '/focus/sessions/:id',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['focus'],
        summary: 'Edit a logged session (its span only within the backfill window)',
        security,
        params: SessionParams,
        headers: IfMatchHeaders,
        body: EditBody,
        response: { 200: Session, ...problems(400, 401, 404, 409, 412, 422) },
      },
    },
    async (request) => {
      const { version, ...changes } = request.body
      const expected = expectedVersion(version, request.headers['if-match'])
      return editLoggedSession(ctx, currentUser(request).userId, request.params.id, changes, expected, metaOf(request))
    },
  )

  app.delete(
    '/focus/sessions/:id',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['focus'],
        summary: 'Delete a logged session (of a day within the backfill window)',
        security,
        params: SessionParams,
        headers: IfMatchHeaders,
        response: { 204: Type.Null(), ...problems(400, 401, 404, 409, 412, 422) },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(undefined, request.headers['if-match'])
      await deleteLoggedSession(ctx, currentUser(request).userId, request.params.id, expected, metaOf(request))
      return reply.code(204).send(null)
    },
  )
}
