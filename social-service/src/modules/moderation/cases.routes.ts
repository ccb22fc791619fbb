import { contextOf } from '@focushub/shared/context'
import { type App, problems, routeScope } from '@focushub/shared/http'
import Type from 'typebox'
import type { SocialContext } from '../../context.ts'
import { caseDetail, listCases, resolveCase } from './cases.service.ts'
import {
  Case,
  CaseDetail,
  CasePage,
  CaseParams,
  CasesQuery,
  LiftBody,
  LogPage,
  LogQuery,
  Resolution,
  UserParams,
} from './moderation.schemas.ts'
import { moderationLog } from './moderation-log.service.ts'
import { liftUserSuspension } from './suspensions.service.ts'

/**
 * The moderators' routes: role `moderator` or `admin` (the token's role), 403 for anyone else (the routes
 * are in the public document, so a 404 would hide nothing).
 */
export async function casesRoutes(app: App, { ctx }: { ctx: SocialContext }) {
  routeScope(app, { tags: ['social'], access: 'user' })
  const onlyModerators = { onRequest: app.requireRole('moderator', 'admin') }

  app.get(
    '/social/moderation/cases',
    {
      ...onlyModerators,
      schema: {
        summary: 'The queue: open cases oldest first, or closed ones newest resolved first (moderators)',
        querystring: CasesQuery,
        response: { 200: CasePage, ...problems(400, 401, 403) },
      },
    },
    async (request) => listCases(ctx, request.query),
  )

  app.get(
    '/social/moderation/cases/:id',
    {
      ...onlyModerators,
      schema: {
        summary: 'One case with its reports, oldest first (moderators)',
        params: CaseParams,
        response: { 200: CaseDetail, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => caseDetail(ctx, request.params.id),
  )

  app.post(
    '/social/moderation/cases/:id/resolve',
    {
      ...onlyModerators,
      schema: {
        summary: 'Dismiss a case, or act on it: hide its content, warn, suspend its subject (moderators)',
        description:
          'Resolved already: 409 `case-closed`. `act` choosing nothing: 422 `no-action`; `hide` on a user: 422 ' +
          '`nothing-to-hide`; a case about myself: 403 `moderate-self`. Every report of the case is resolved with it.',
        params: CaseParams,
        body: Resolution,
        response: { 200: Case, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => resolveCase(ctx, contextOf(request), request.params.id, request.body),
  )

  app.post(
    '/social/moderation/users/:userId/lift-suspension',
    {
      ...onlyModerators,
      schema: {
        summary: "End a user's suspension from social features (moderators; not suspended: 204)",
        params: UserParams,
        body: LiftBody,
        response: { 204: Type.Null(), ...problems(400, 401, 403) },
      },
    },
    async (request, reply) => {
      await liftUserSuspension(ctx, contextOf(request), request.params.userId, request.body.reason)
      return reply.code(204).send(null)
    },
  )

  app.get(
    '/social/moderation/log',
    {
      ...onlyModerators,
      schema: {
        summary: 'The moderation log, newest first, optionally of one subject (moderators)',
        querystring: LogQuery,
        response: { 200: LogPage, ...problems(400, 401, 403) },
      },
    },
    async (request) => moderationLog(ctx, request.query),
  )
}
