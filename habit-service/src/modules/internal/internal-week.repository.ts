import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/tables.ts'

/** The user's active habits that had started by `to`, with what their periods are computed from. */
export const activeHabitsBy = (db: Kysely<Database>, userId: string, to: string) =>
  db
    .selectFrom('habits')
    .select(['id', 'schedule', 'start_date'])
    .where('user_id', '=', userId)
    .where('archived_at', 'is', null)
    .where('start_date', '<=', to)
    .execute()

/**
 * The done check-ins of each habit from its own first day to `to`: one range of the primary key
 * (habit_id, local_date) per habit, in one statement.
 */
export async function doneDatesOf(db: Kysely<Database>, ranges: { habitId: string; from: string }[], to: string) {
  const byHabit = new Map<string, string[]>(ranges.map((range) => [range.habitId, []]))
  if (ranges.length === 0) return byHabit
  const values = sql.join(ranges.map((range) => sql`(${range.habitId}::uuid, ${range.from}::date)`))
  const { rows } = await sql<{ habit_id: string; local_date: string }>`
    select c.habit_id, c.local_date
    from (values ${values}) as wanted (habit_id, from_date)
    join check_ins c on c.habit_id = wanted.habit_id and c.local_date >= wanted.from_date and c.local_date <= ${to}::date
    where c.status = 'done'`.execute(db)
  for (const row of rows) byHabit.get(row.habit_id)?.push(row.local_date)
  return byHabit
}
