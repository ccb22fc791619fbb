import { currentUser } from '@focushub/shared/auth'
import { contextOf } from '@focushub/shared/context'
import { type App, problems, routeScope } from '@focushub/shared/http'
import type { FocusContext } from '../../context.ts'
import { Goal, GoalBody } from './goals.schemas.ts'
import { goalOf, setGoal } from './goals.service.ts'

export async function goalsRoutes(app: App, { ctx }: { ctx: FocusContext }) {
  routeScope(app, { tags: ['focus'], access: 'user' })

  app.get(
    '/focus/goal',
    {
      schema: {
        summary: 'My daily focus goal and today against it',
        response: { 200: Goal, ...problems(401) },
      },
    },
    async (request) => goalOf(ctx, currentUser(request).userId),
  )

  app.put(
    '/focus/goal',
    {
      schema: {
        summary: 'Set my daily focus goal (minutes per local day)',
        body: GoalBody,
        response: { 200: Goal, ...problems(400, 401) },
      },
    },
    async (request) => setGoal(ctx, currentUser(request).userId, request.body.minutes, contextOf(request)),
  )
}
