import { currentUser } from '@focushub/shared/auth'
import { contextOf } from '@focushub/shared/context'
import { type App, IfMatchHeaders, problems, routeScope } from '@focushub/shared/http'
import type { FocusContext } from '../../context.ts'
import { CurrentSession, Session, SessionDetail, SessionParams, StartBody, TransitionBody } from './sessions.schemas.ts'
import { currentSession, sessionDetail, startSession, transitionSession } from './sessions.service.ts'
import type { TimerAction } from './timer.ts'

const actions: TimerAction[] = ['pause', 'resume', 'complete', 'abandon']

export async function sessionsRoutes(app: App, { ctx }: { ctx: FocusContext }) {
  routeScope(app, { tags: ['focus'], access: 'user' })

  app.post(
    '/focus/sessions',
    {
      schema: {
        summary: 'Start a timed session (409 with the current one if one is active)',
        body: StartBody,
        response: { 201: Session, ...problems(400, 401, 409) },
      },
    },
    async (request, reply) => {
      const session = await startSession(ctx, currentUser(request).userId, request.body, contextOf(request))
      return reply.code(201).send(session)
    },
  )

  app.get(
    '/focus/sessions/current',
    {
      schema: {
        summary: 'The running or paused session, if any',
        response: { 200: CurrentSession, ...problems(401) },
      },
    },
    async (request) => ({ session: await currentSession(ctx, currentUser(request).userId) }),
  )

  app.get(
    '/focus/sessions/:id',
    {
      schema: {
        summary: 'One of my sessions, with its pauses',
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
        schema: {
          summary: `${action[0].toUpperCase()}${action.slice(1)} a timed session (409 names the allowed actions)`,
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
          expectedVersion: body.version ?? request.ifMatchVersion,
        }
        return transitionSession(
          ctx,
          currentUser(request).userId,
          request.params.id,
          action,
          options,
          contextOf(request),
        )
      },
    )
  }
}
