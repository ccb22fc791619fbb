import { currentUser } from '@focushub/shared/auth'
import { type App, problems, routeScope } from '@focushub/shared/http'
import type { NotificationContext } from '../../context.ts'
import { WeeklyReviewListQuery, WeeklyReviewPage } from './weekly-review.schemas.ts'
import { listWeeklyReviews } from './weekly-review.service.ts'

export async function weeklyReviewRoutes(app: App, { ctx }: { ctx: NotificationContext }) {
  routeScope(app, { tags: ['notifications'], access: 'user' })

  app.get(
    '/weekly-reviews',
    {
      schema: {
        summary: 'My weekly reviews, newest week first, each with the week before for comparison',
        querystring: WeeklyReviewListQuery,
        response: { 200: WeeklyReviewPage, ...problems(400, 401) },
      },
    },
    async (request) => listWeeklyReviews(ctx, currentUser(request).userId, request.query),
  )
}
