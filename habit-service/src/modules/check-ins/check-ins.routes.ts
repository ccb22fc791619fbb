import { type App, problems } from '@focushub/shared'
import Type from 'typebox'
import { causeOf, type HabitContext } from '../../context.ts'
import { HabitParams } from '../habits/habits.schemas.ts'
import { toHabit } from '../habits/habits.view.ts'
import { CheckInBody, CheckInParams, CheckInResult } from './check-ins.schemas.ts'
import { checkIn, undoCheckIn } from './check-ins.service.ts'

const tags = ['habits']
const security = [{ bearerAuth: [] }]

export async function checkInsRoutes(app: App, { ctx }: { ctx: HabitContext }) {
  app.addHook('onRequest', app.authenticate)

  app.post(
    '/habits/:id/check-ins',
    {
      schema: {
        tags,
        summary: 'Check in a habit for a local day (today unless told): done, skipped, or a value',
        security,
        params: HabitParams,
        body: CheckInBody,
        response: { 200: CheckInResult, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const result = await checkIn(ctx, causeOf(request), request.params.id, request.body)
      return { checkIn: result.checkIn, habit: toHabit(result.habit) }
    },
  )

  app.delete(
    '/habits/:id/check-ins/:date',
    {
      schema: {
        tags,
        summary: "Undo a day's check-in",
        security,
        params: CheckInParams,
        response: { 204: Type.Null(), ...problems(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      await undoCheckIn(ctx, causeOf(request), request.params.id, request.params.date)
      return reply.code(204).send(null)
    },
  )
}
