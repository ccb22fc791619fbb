import { type App, currentUser, problems } from '@focushub/shared'
import { type FocusContext, metaOf } from '../../context.ts'
import { Goal, GoalBody } from './goals.schemas.ts'
import { goalOf, setGoal } from './goals.service.ts'

const security = [{ bearerAuth: [] }]

export async function goalsRoutes(app: App, { ctx }: { ctx: FocusContext }) {
  app.get(
    '/focus/goal',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['focus'],
        summary: 'My daily focus goal and today against it',
        security,
        response: { 200: Goal, ...problems(401) },
      },
    },
    async (request) => goalOf(ctx, currentUser(request).userId),
  )

  app.put(
    '/focus/goal',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['focus'],
        summary: 'Set my daily focus goal (minutes per local day)',
        security,
        body: GoalBody,
        response: { 200: Goal, ...problems(400, 401) },
      },
    },
    async (request) => setGoal(ctx, currentUser(request).userId, request.body.minutes, metaOf(request)),
  )
}
