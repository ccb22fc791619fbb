import { manualOrder } from '@focushub/shared/db'
import { type Insertable, type Kysely, sql, type Updateable } from 'kysely'
import type { HabitRow, HabitsTable } from '../../db/tables/habits.ts'
import type { Database } from '../../db/tables.ts'
import { boundaryOfProfile } from '../stats/due-summaries.ts'

export async function insertHabit(db: Kysely<Database>, habit: Omit<Insertable<HabitsTable>, 'position'>) {
  return db
    .insertInto('habits')
    .values({
      ...habit,
      position: sql<number>`coalesce((select max(position) + 1 from habits where user_id = ${habit.user_id}), 0)`,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** The user's habits as one manual order, for placing `habitId` in it (on habits_user_order). */
export const habitOrder = (db: Kysely<Database>, userId: string, habitId: string) =>
  manualOrder(db, { table: 'habits', list: 'user_id', item: 'id' }, userId, habitId)

/** The user's habit, or undefined: another user's habit is as absent as a missing one. */
export async function findHabit(db: Kysely<Database>, userId: string, habitId: string, lock = false) {
  let query = db.selectFrom('habits').selectAll().where('id', '=', habitId).where('user_id', '=', userId)
  if (lock) query = query.forUpdate()
  return query.executeTakeFirst()
}

export interface HabitListQuery {
  archived: boolean
  limit: number
  after?: { position: number; id: string }
}

/** Some of the user's habits, locked in id order (the order every path locks habits in). */
export async function lockHabits(db: Kysely<Database>, userId: string, habitIds: string[]) {
  return db
    .selectFrom('habits')
    .selectAll()
    .where('user_id', '=', userId)
    .where('id', 'in', habitIds)
    .orderBy('id')
    .forUpdate()
    .execute()
}

/** One page in the user's order (position, then id), keyset so inserts never shift a page. */
export async function listHabits(db: Kysely<Database>, userId: string, query: HabitListQuery) {
  let select = db
    .selectFrom('habits')
    .selectAll()
    .where('user_id', '=', userId)
    .where('archived_at', query.archived ? 'is not' : 'is', null)
  if (query.after) {
    const { position, id } = query.after
    select = select.where(sql<boolean>`(position, id) > (${position}, ${id}::uuid)`)
  }
  return select
    .orderBy('position')
    .orderBy('id')
    .limit(query.limit + 1)
    .execute()
}

/** Applies changes if the version is still `expected` (when given); undefined when it was not. */
export async function updateHabit(
  db: Kysely<Database>,
  habitId: string,
  changes: Updateable<HabitsTable>,
  expected: number | undefined,
) {
  let query = db
    .updateTable('habits')
    .set({ ...changes, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', habitId)
  if (expected !== undefined) query = query.where('version', '=', expected)
  return query.returningAll().executeTakeFirst()
}

export async function deleteHabit(db: Kysely<Database>, habitId: string) {
  await db.deleteFrom('habits').where('id', '=', habitId).execute()
}

/**
 * The focus-linked habits of some users, locked (in id order), each with where its owner's days
 * begin (UTC at midnight until the profile arrives).
 */
export async function focusLinkedHabitsOf(db: Kysely<Database>, userIds: string[]) {
  const rows = await db
    .selectFrom('habits')
    .leftJoin('user_profiles', 'user_profiles.user_id', 'habits.user_id')
    .selectAll('habits')
    .select(['user_profiles.timezone', 'user_profiles.day_start_hour'])
    .where('habits.user_id', 'in', userIds)
    .where('habits.focus_linked', '=', true)
    .where('habits.archived_at', 'is', null)
    .orderBy('habits.id')
    .forUpdate('habits')
    .execute()
  return rows.map(({ timezone, day_start_hour, ...habit }) => ({
    habit,
    boundary: boundaryOfProfile(timezone, day_start_hour),
  }))
}

/** Stores the summaries of several habits (of any users) in one statement, each as of its summary_as_of. */
export async function saveSummaries(trx: Kysely<Database>, habits: HabitRow[]) {
  if (habits.length === 0) return
  const rows = sql.join(
    [...habits]
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .map((habit) => sql`(${habit.id}::uuid, ${JSON.stringify(habit.summary)}::jsonb, ${habit.summary_as_of}::date)`),
  )
  await sql`
    update habits set summary = fresh.summary, summary_as_of = fresh.as_of
    from (values ${rows}) as fresh (id, summary, as_of)
    where habits.id = fresh.id`.execute(trx)
}
