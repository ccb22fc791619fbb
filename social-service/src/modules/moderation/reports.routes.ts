import { currentUser } from '@focushub/shared/auth'
import { contextOf } from '@focushub/shared/context'
import { type App, problems, routeScope } from '@focushub/shared/http'
import type { SocialContext } from '../../context.ts'
import { NewReport, Report, ReportPage, ReportsQuery, Standing } from './moderation.schemas.ts'
import { fileReport, myReports } from './reports.service.ts'
import { myStanding } from './standing.service.ts'

export async function reportsRoutes(app: App, { ctx }: { ctx: SocialContext }) {
  routeScope(app, { tags: ['social'], access: 'user' })

  app.post(
    '/social/reports',
    {
      schema: {
        summary: 'Report a post, comment, message or user I may see to the moderators (20 a day)',
        description:
          'Something I may not see: 404, as for none. Myself or my own: 422 `report-self`. My report of it still ' +
          'open: 200 with it. Over REPORTS_PER_DAY in 24 hours: 429 `report-rate-limited` with `Retry-After`.',
        body: NewReport,
        response: { 200: Report, 201: Report, ...problems(400, 401, 404, 422, 429) },
      },
    },
    async (request, reply) => {
      const { created, report } = await fileReport(ctx, contextOf(request), request.body)
      return reply.code(created ? 201 : 200).send(report)
    },
  )

  app.get(
    '/social/reports',
    {
      schema: {
        summary: 'My reports, newest first, with where each stands',
        querystring: ReportsQuery,
        response: { 200: ReportPage, ...problems(400, 401) },
      },
    },
    async (request) => myReports(ctx, currentUser(request).userId, request.query),
  )

  app.get(
    '/social/me/standing',
    {
      schema: {
        summary: 'Where I stand: my suspension, my latest warnings, what of mine was hidden and why',
        response: { 200: Standing, ...problems(401) },
      },
    },
    async (request) => myStanding(ctx, currentUser(request).userId),
  )
}
