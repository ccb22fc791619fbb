import { type App, currentUser, etagOf, expectedVersion, IfMatchHeaders, Page, problems } from '@focushub/shared'
import Type from 'typebox'
import { causeOf, type HabitContext } from '../../context.ts'
import { CreateHabitBody, Habit, HabitListQuery, HabitParams, UpdateHabitBody } from './habits.schemas.ts'
import { changeHabit, createHabit, getHabit, listUserHabits, removeHabit } from './habits.service.ts'
import { toHabit } from './habits.view.ts'

const tags = ['habits']
const security = [{ bearerAuth: [] }]

export async function habitsRoutes(app: App, { ctx }: { ctx: HabitContext }) {
  app.addHook('onRequest', app.authenticate)

  app.post(
    '/habits',
    {
      schema: {
        tags,
        summary: 'Create a habit',
        security,
        body: CreateHabitBody,
        response: { 201: Habit, ...problems(400, 401, 403, 422) },
      },
    },
    async (request, reply) => {
      const habit = toHabit(await createHabit(ctx, causeOf(request), request.body))
      return reply.code(201).header('etag', etagOf(habit.version)).send(habit)
    },
  )

  app.get(
    '/habits',
    {
      schema: {
        tags,
        summary: "My habits in my order, with today's status and streaks",
        security,
        querystring: HabitListQuery,
        response: { 200: Page(Habit), ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const page = await listUserHabits(ctx, causeOf(request), request.query)
      return { items: page.items.map(toHabit), nextCursor: page.nextCursor }
    },
  )

  app.get(
    '/habits/:id',
    {
      schema: {
        tags,
        summary: 'One habit',
        security,
        params: HabitParams,
        response: { 200: Habit, ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const habit = toHabit(await getHabit(ctx, causeOf(request), request.params.id))
      return reply.header('etag', etagOf(habit.version)).send(habit)
    },
  )

  app.patch(
    '/habits/:id',
    {
      schema: {
        tags,
        summary: 'Change, archive, restore or reorder a habit',
        security,
        params: HabitParams,
        headers: IfMatchHeaders,
        body: UpdateHabitBody,
        response: { 200: Habit, ...problems(400, 401, 403, 404, 412, 422) },
      },
    },
    async (request, reply) => {
      const { version, ...changes } = request.body
      const expected = expectedVersion(version, request.headers['if-match'])
      const habit = toHabit(await changeHabit(ctx, causeOf(request), request.params.id, changes, expected))
      return reply.header('etag', etagOf(habit.version)).send(habit)
    },
  )

  app.delete(
    '/habits/:id',
    {
      schema: {
        tags,
        summary: 'Delete a habit and its check-ins',
        security,
        params: HabitParams,
        headers: IfMatchHeaders,
        response: { 204: Type.Null(), ...problems(400, 401, 403, 404, 412) },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(undefined, request.headers['if-match'])
      await removeHabit(ctx, currentUser(request).userId, request.params.id, expected)
      return reply.code(204).send(null)
    },
  )
}
