import { currentUser } from '@focushub/shared/auth'
import { type App, problems, routeScope } from '@focushub/shared/http'
import type { FocusContext } from '../../context.ts'
import { HistoryQuery, SessionPage } from './history.schemas.ts'
import { listHistory } from './history.service.ts'

export async function historyRoutes(app: App, { ctx }: { ctx: FocusContext }) {
  routeScope(app, { tags: ['focus'], access: 'user' })

  app.get(
    '/focus/sessions',
    {
      schema: {
        summary: 'My sessions, newest first, within an optional time range',
        querystring: HistoryQuery,
        response: { 200: SessionPage, ...problems(400, 401, 422) },
      },
    },
    async (request) => listHistory(ctx, currentUser(request).userId, request.query),
  )
}
