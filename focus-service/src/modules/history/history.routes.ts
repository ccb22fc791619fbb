import { type App, currentUser, problems } from '@focushub/shared'
import type { FocusContext } from '../../context.ts'
import { HistoryQuery, SessionPage } from './history.schemas.ts'
import { listHistory } from './history.service.ts'

export async function historyRoutes(app: App, { ctx }: { ctx: FocusContext }) {
  app.get(
    '/focus/sessions',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['focus'],
        summary: 'My sessions, newest first, within an optional time range',
        security: [{ bearerAuth: [] }],
        querystring: HistoryQuery,
        response: { 200: SessionPage, ...problems(400, 401) },
      },
    },
    async (request) => listHistory(ctx, currentUser(request).userId, request.query),
  )
}
