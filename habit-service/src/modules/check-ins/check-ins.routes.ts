import { contextOf } from '@focushub/shared/context'
import { type App, problems, routeScope } from '@focushub/shared/http'
import Type from 'typebox'
import type { HabitContext } from '../../context.ts'
import { HabitParams } from '../habits/habits.schemas.ts'
import { toHabit } from '../habits/habits.view.ts'
import { CheckInBody, CheckInParams, CheckInResult } from './check-ins.schemas.ts'
import { checkIn, undoCheckIn } from './check-ins.service.ts'

export async function checkInsRoutes(app: App, { ctx }: { ctx: HabitContext }) {
  routeScope(app, { tags: ['habits'], access: 'user' })

  app.post(
    '/habits/:id/check-ins',
    {
      schema: {
        summary: 'Check in a habit for a local day (today unless told): done, skipped, or a value',
        params: HabitParams,
        body: CheckInBody,
        response: { 200: CheckInResult, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const result = await checkIn(ctx, contextOf(request), request.params.id, request.body)
      return { checkIn: result.checkIn, habit: toHabit(result.habit) }
    },
  )

  app.delete(
    '/habits/:id/check-ins/:date',
    {
      schema: {
        summary: "Undo a day's check-in",
        params: CheckInParams,
        response: { 204: Type.Null(), ...problems(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      await undoCheckIn(ctx, contextOf(request), request.params.id, request.params.date)
      return reply.code(204).send(null)
    },
  )
}
