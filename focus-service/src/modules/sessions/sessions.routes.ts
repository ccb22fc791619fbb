import { type App, currentUser, expectedVersion, IfMatchHeaders, problems } from '@focushub/shared'
import { type FocusContext, metaOf } from '../../context.ts'
import { CurrentSession, Session, SessionDetail, SessionParams, StartBody, TransitionBody } from './sessions.schemas.ts'
import { currentSession, sessionDetail, startSession, transitionSession } from './sessions.service.ts'
import type { TimerAction } from './timer.ts'

const security = [{ bearerAuth: [] }]
const actions: TimerAction[] = ['pause', 'resume', 'complete', 'abandon']

export async function sessionsRoutes(app: App, { ctx }: { ctx: FocusContext }) {
  app.post(
    '/focus/sessions',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['focus'],
        summary: 'Start a timed session (409 with the current one if one is active)',
        security,
        body: StartBody,
        response: { 201: Session, ...problems(400, 401, 409) },
      },
    },
    async (request, reply) => {
      const session = await startSession(ctx, currentUser(request).userId, request.body, metaOf(request))
      return reply.code(201).send(session)
    },
  )

  app.get(
    '/focus/sessions/current',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['focus'],
        summary: 'The running or paused session, if any',
        security,
        response: { 200: CurrentSession, ...problems(401) },
      },
    },
    async (request) => ({ session: await currentSession(ctx, currentUser(request).userId) }),
  )

  app.get(
    '/focus/sessions/:id',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['focus'],
        summary: 'One of my sessions, with its pauses',
        security,
        params: SessionParams,
        response: { 200: SessionDetail, ...problems(400, 401, 404) },
      },
    },
    async (request) => sessionDetail(ctx, currentUser(request).userId, request.params.id),
  )

  for (const action of actions) {
    app.post(
      `/focus/sessions/:id/${action}`,
      {
        onRequest: app.authenticate,
        schema: {
          tags: ['focus'],
          summary: `${action[0].toUpperCase()}${action.slice(1)} a timed session (409 names the allowed actions)`,
          security,
          params: SessionParams,
          headers: IfMatchHeaders,
          body: TransitionBody,
          response: { 200: Session, ...problems(400, 401, 404, 409, 412) },
        },
      },
      async (request) => {
        const body = request.body ?? {}
        const options = {
          reason: action === 'pause' ? body.reason : undefined,
          expectedVersion: expectedVersion(body.version, request.headers['if-match']),
        }
        return transitionSession(ctx, currentUser(request).userId, request.params.id, action, options, metaOf(request))
      },
    )
  }
}
