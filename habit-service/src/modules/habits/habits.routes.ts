import { currentUser } from '@focushub/shared/auth'
import { contextOf } from '@focushub/shared/context'
import { type App, IfMatchHeaders, Page, problems, routeScope } from '@focushub/shared/http'
import Type from 'typebox'
import type { HabitContext } from '../../context.ts'
import { CreateHabitBody, Habit, HabitListQuery, HabitParams, UpdateHabitBody } from './habits.schemas.ts'
import { changeHabit, createHabit, getHabit, listUserHabits, removeHabit } from './habits.service.ts'
import { toHabit } from './habits.view.ts'

export async function habitsRoutes(app: App, { ctx }: { ctx: HabitContext }) {
  routeScope(app, { tags: ['habits'], access: 'user' })

  app.post(
    '/habits',
    {
      schema: {
        summary: 'Create a habit',
        body: CreateHabitBody,
        response: { 201: Habit, ...problems(400, 401, 403, 422) },
      },
    },
    async (request, reply) => {
      const habit = toHabit(await createHabit(ctx, contextOf(request), request.body))
      return reply.code(201).send(habit)
    },
  )

  app.get(
    '/habits',
    {
      schema: {
        summary: "My habits in my order, with today's status and streaks",
        querystring: HabitListQuery,
        response: { 200: Page(Habit), ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const page = await listUserHabits(ctx, contextOf(request), request.query)
      return { items: page.items.map(toHabit), nextCursor: page.nextCursor }
    },
  )

  app.get(
    '/habits/:id',
    {
      schema: {
        summary: 'One habit',
        params: HabitParams,
        response: { 200: Habit, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const habit = toHabit(await getHabit(ctx, contextOf(request), request.params.id))
      return habit
    },
  )

  app.patch(
    '/habits/:id',
    {
      schema: {
        summary: 'Change, archive, restore or reorder a habit',
        params: HabitParams,
        headers: IfMatchHeaders,
        body: UpdateHabitBody,
        response: { 200: Habit, ...problems(400, 401, 403, 404, 412, 422) },
      },
    },
    async (request) => {
      const { version, ...changes } = request.body
      const expected = version ?? request.ifMatchVersion
      const habit = toHabit(await changeHabit(ctx, contextOf(request), request.params.id, changes, expected))
      return habit
    },
  )

  app.delete(
    '/habits/:id',
    {
      schema: {
        summary: 'Delete a habit and its check-ins',
        params: HabitParams,
        headers: IfMatchHeaders,
        response: { 204: Type.Null(), ...problems(400, 401, 403, 404, 412) },
      },
    },
    async (request, reply) => {
      const expected = request.ifMatchVersion
      await removeHabit(ctx, currentUser(request).userId, request.params.id, expected)
      return reply.code(204).send(null)
    },
  )
}
