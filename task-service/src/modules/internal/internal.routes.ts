import { requireServiceCaller } from '@focushub/shared/auth'
import { errors } from '@focushub/shared/errors'
import { exportRoute } from '@focushub/shared/exports'
import { type App, assertLocalRange, LocalRangeQuery, problems, routeScope } from '@focushub/shared/http'
import type { TaskContext } from '../../context.ts'
import { exportCollections } from '../export/export.collections.ts'
import { findMember } from '../members/members.repository.ts'
import {
  ProjectMemberParams,
  ProjectMemberRole,
  UserDay,
  UserDayParams,
  UserDayQuery,
  UserWeek,
} from './internal.schemas.ts'
import { userDay, userWeek } from './internal.service.ts'

/** The longest span one question covers: a week, or a month's worth of them. */
const maxRangeDays = 31

/**
 * Routes for other services (notification-service's daily agenda, weekly review and project webhooks), never routed by the gateway:
 * each answers only a service credential listed in TASK_INTERNAL_CALLERS (an access token gets 401).
 */
export async function internalRoutes(app: App, { ctx }: { ctx: TaskContext }) {
  routeScope(app, {
    tags: ['internal'],
    access: { onRequest: requireServiceCaller(ctx.config.TASK_INTERNAL_CALLERS), security: [{ serviceAuth: [] }] },
  })

  exportRoute(app, exportCollections(ctx))

  app.get(
    '/internal/users/:userId/day',
    {
      schema: {
        summary: "A user's tasks due today and overdue, by their local day (the daily agenda)",
        params: UserDayParams,
        querystring: UserDayQuery,
        response: { 200: UserDay, ...problems(400, 401) },
      },
    },
    async (request) => userDay(ctx, request.params.userId, request.query.limit),
  )

  app.get(
    '/internal/users/:userId/week',
    {
      schema: {
        summary: 'How many tasks a user got done over a span of their local days (the weekly review)',
        params: UserDayParams,
        querystring: LocalRangeQuery,
        response: { 200: UserWeek, ...problems(400, 401) },
      },
    },
    async (request) => {
      assertLocalRange(request.query, maxRangeDays)
      return userWeek(ctx, request.params.userId, request.query)
    },
  )

  app.get(
    '/internal/projects/:projectId/members/:userId',
    {
      schema: {
        summary: "A user's role in a project (whether a project's webhook may be theirs); 404 for a non-member",
        params: ProjectMemberParams,
        response: { 200: ProjectMemberRole, ...problems(400, 401, 404) },
      },
    },
    async (request) => {
      const member = await findMember(ctx.db, request.params.projectId, request.params.userId)
      if (!member) throw errors.notFound('No such member')
      return { role: member.role }
    },
  )
}
