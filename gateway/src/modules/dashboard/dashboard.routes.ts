import { problems, routeScope } from '@focushub/shared/http'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import Type from 'typebox'
import { apiPrefix } from '../../upstreams.ts'
import { buildDashboard, type DashboardOptions, type SectionCall } from './dashboard.service.ts'

/** What each section asks, on the caller's behalf (each service checks the token and ownership itself). */
const plan = {
  tasks: {
    dueToday: { service: 'task-service', path: '/tasks?dueToday=true&limit=50' },
    overdue: { service: 'task-service', path: '/tasks?overdue=true&limit=50' },
  },
  focus: {
    goal: { service: 'focus-service', path: '/focus/goal' },
    current: { service: 'focus-service', path: '/focus/sessions/current' },
  },
  habits: { list: { service: 'habit-service', path: '/habits?limit=200' } },
  achievements: { rewards: { service: 'habit-service', path: '/rewards' } },
} satisfies Record<string, Record<string, SectionCall>>

const Section = (data: Record<string, ReturnType<typeof Type.Unknown>>, description: string) =>
  Type.Union(
    [
      Type.Object({ status: Type.Literal('ok'), data: Type.Object(data) }),
      Type.Object({ status: Type.Literal('unavailable'), reason: Type.String() }),
    ],
    { description },
  )

const Dashboard = Type.Object({
  tasks: Section(
    { dueToday: Type.Unknown(), overdue: Type.Unknown() },
    'GET /tasks?dueToday=true and ?overdue=true (pages of tasks)',
  ),
  focus: Section(
    { goal: Type.Unknown(), current: Type.Unknown() },
    'GET /focus/goal (minutes against the goal today) and GET /focus/sessions/current',
  ),
  habits: Section({ list: Type.Unknown() }, 'GET /habits: each habit with today’s status and streaks'),
  achievements: Section({ rewards: Type.Unknown() }, 'GET /rewards: points, level, recently unlocked'),
})

/**
 * GET /api/v1/dashboard: the user's today in one call. The services are asked in parallel under
 * one deadline; a slow or stopped service marks its own section unavailable, the answer is still 200.
 */
export async function dashboardRoutes(app: FastifyInstance, options: DashboardOptions) {
  const guard = async (request: FastifyRequest, reply: FastifyReply) => {
    await app.authenticate(request)
    await Promise.all([app.checkAccountStatus(request), app.limitRate(request, reply)])
  }
  routeScope(app, { tags: ['dashboard'], access: { onRequest: guard } })
  app.get(
    `${apiPrefix}/dashboard`,
    {
      schema: {
        summary: 'Today at a glance: tasks due and overdue, focus against the goal, habits, rewards',
        response: { 200: Dashboard, ...problems(401, 403, 429) },
      },
    },
    async (request) =>
      buildDashboard(options, { authorization: request.headers.authorization as string, requestId: request.id }, plan),
  )
}
