import type { RequestContext } from '@focushub/shared/context'
import { placeInOrder } from '@focushub/shared/db'
import { errors } from '@focushub/shared/errors'
import { decodePositionCursor, encodePositionCursor } from '@focushub/shared/http'
import type { Kysely } from 'kysely'
import type { Static } from 'typebox'
import { v7 as uuidv7 } from 'uuid'
import type { HabitContext } from '../../context.ts'
import type { HabitRow } from '../../db/tables/habits.ts'
import type { Database } from '../../db/tables.ts'
import { inHabitWork } from '../../events/habit-work.ts'
import { refreshSummaries } from '../stats/summaries.service.ts'
import { measureOfCreate, measureProblems, rejectProblems } from './habit-fields.ts'
import {
  deleteHabit,
  findHabit,
  habitOrder,
  insertHabit,
  listHabits,
  lockHabits,
  updateHabit,
} from './habits.repository.ts'
import type { CreateHabitBody, HabitListQuery, UpdateHabitBody } from './habits.schemas.ts'
import { assertRealDate, assertStartInRange, localToday } from './local-today.ts'

export async function requireHabit(db: Kysely<Database>, userId: string, habitId: string, lock = false) {
  const habit = await findHabit(db, userId, habitId, lock)
  if (!habit) throw errors.notFound('No such habit')
  return habit
}

/**
 * The habits with summaries fresh for today, refreshing (and storing) those that are stale. The
 * refresher or another request may be refreshing the same rows: they are locked and only those
 * still stale under the lock are recomputed, so a break is published once.
 */
export async function withFreshSummaries(ctx: HabitContext, habits: HabitRow[], today: string, cause: RequestContext) {
  const stale = habits.filter((habit) => habit.summary_as_of !== today)
  if (stale.length === 0) return habits
  const current = await inHabitWork(ctx.db, async (work) => {
    const locked = await lockHabits(
      work.trx,
      cause.userId,
      stale.map((habit) => habit.id),
    )
    const still = locked.filter((habit) => habit.summary_as_of !== today)
    return [...locked, ...(still.length === 0 ? [] : await refreshSummaries(work, still, today, cause))]
  })
  const byId = new Map(current.map((habit) => [habit.id, habit]))
  return habits.map((habit) => byId.get(habit.id) ?? habit)
}

export async function createHabit(ctx: HabitContext, cause: RequestContext, body: Static<typeof CreateHabitBody>) {
  const measure = measureOfCreate(body)
  rejectProblems(measureProblems(measure))
  if (body.startDate) assertRealDate(body.startDate, '/body/startDate')
  const today = await localToday(ctx, cause.userId)
  if (body.startDate) assertStartInRange(body.startDate, today, ctx.config.HABIT_START_DATE_RANGE_DAYS)
  return inHabitWork(ctx.db, async (work) => {
    const row = await insertHabit(work.trx, {
      id: uuidv7(),
      user_id: cause.userId,
      name: body.name.trim(),
      description: body.description ?? '',
      icon: body.icon ?? null,
      color: body.color ?? null,
      kind: measure.kind,
      target: measure.target,
      unit: measure.unit,
      target_type: measure.targetType,
      focus_linked: measure.focusLinked,
      schedule: JSON.stringify(body.schedule ?? { type: 'daily' }),
      start_date: body.startDate ?? today,
      archived_at: null,
      summary: 'null',
      summary_as_of: null,
    })
    const [fresh] = await refreshSummaries(work, [row], today, cause)
    return fresh as HabitRow
  })
}

export async function getHabit(ctx: HabitContext, cause: RequestContext, habitId: string) {
  const habit = await requireHabit(ctx.db, cause.userId, habitId)
  const [fresh] = await withFreshSummaries(ctx, [habit], await localToday(ctx, cause.userId), cause)
  return fresh as HabitRow
}

export async function listUserHabits(ctx: HabitContext, cause: RequestContext, query: Static<typeof HabitListQuery>) {
  const after = query.cursor === undefined ? undefined : decodePositionCursor(query.cursor)
  const [rows, today] = await Promise.all([
    listHabits(ctx.db, cause.userId, { archived: query.archived, limit: query.limit, after }),
    localToday(ctx, cause.userId),
  ])
  const page = rows.slice(0, query.limit)
  const items = await withFreshSummaries(ctx, page, today, cause)
  const last = page[page.length - 1]
  return { items, nextCursor: rows.length > query.limit && last ? encodePositionCursor(last) : null }
}

type HabitChanges = Omit<Static<typeof UpdateHabitBody>, 'version'>

export async function changeHabit(
  ctx: HabitContext,
  cause: RequestContext,
  habitId: string,
  changes: HabitChanges,
  expected: number | undefined,
) {
  if (changes.startDate) assertRealDate(changes.startDate, '/body/startDate')
  const today = await localToday(ctx, cause.userId)
  if (changes.startDate) assertStartInRange(changes.startDate, today, ctx.config.HABIT_START_DATE_RANGE_DAYS)
  return inHabitWork(ctx.db, async (work) => {
    const { trx } = work
    const habit = await requireHabit(trx, cause.userId, habitId, true)
    rejectProblems(
      measureProblems({
        kind: habit.kind,
        focusLinked: habit.focus_linked,
        target: changes.target ?? habit.target,
        unit: changes.unit ?? habit.unit,
        targetType: changes.targetType ?? habit.target_type,
      }),
    )
    const updated = await updateHabit(
      trx,
      habitId,
      {
        ...(changes.name === undefined ? {} : { name: changes.name.trim() }),
        ...(changes.description === undefined ? {} : { description: changes.description }),
        ...(changes.icon === undefined ? {} : { icon: changes.icon }),
        ...(changes.color === undefined ? {} : { color: changes.color }),
        ...(changes.target === undefined ? {} : { target: changes.target }),
        ...(changes.unit === undefined ? {} : { unit: changes.unit }),
        ...(changes.targetType === undefined ? {} : { target_type: changes.targetType }),
        ...(changes.schedule === undefined ? {} : { schedule: JSON.stringify(changes.schedule) }),
        ...(changes.startDate === undefined ? {} : { start_date: changes.startDate }),
        ...(changes.position === undefined
          ? {}
          : { position: await placeInOrder(habitOrder(trx, cause.userId, habitId), changes.position) }),
        ...(changes.archived === undefined
          ? {}
          : { archived_at: changes.archived ? (habit.archived_at ?? ctx.now()) : null }),
      },
      expected,
    )
    if (!updated) throw errors.preconditionFailed('The habit changed since you read it; read it again')
    const [fresh] = await refreshSummaries(work, [updated], today, cause)
    return fresh as HabitRow
  })
}

export async function removeHabit(ctx: HabitContext, userId: string, habitId: string, expected: number | undefined) {
  await ctx.db.transaction().execute(async (trx) => {
    const habit = await requireHabit(trx, userId, habitId, true)
    if (expected !== undefined && habit.version !== expected) {
      throw errors.preconditionFailed('The habit changed since you read it; read it again')
    }
    await deleteHabit(trx, habitId)
  })
}
