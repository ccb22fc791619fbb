import { type Kysely, sql } from 'kysely'
import type { CheckInRow, CheckInSource, CheckInStatus } from '../../db/tables/check-ins.ts'
import type { Database } from '../../db/tables.ts'

export interface CheckInWrite {
  habitId: string
  userId: string
  localDate: string
  status: CheckInStatus
  value: number | null
  source: CheckInSource
}

/** Writes the day's check-in, replacing what the day had. */
export async function upsertCheckIn(db: Kysely<Database>, write: CheckInWrite) {
  const row = {
    habit_id: write.habitId,
    user_id: write.userId,
    local_date: write.localDate,
    status: write.status,
    value: write.value,
    source: write.source,
  }
  return db
    .insertInto('check_ins')
    .values(row)
    .onConflict((c) =>
      c.columns(['habit_id', 'local_date']).doUpdateSet({
        status: row.status,
        value: row.value,
        source: row.source,
        updated_at: sql`now()`,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function findCheckIn(db: Kysely<Database>, habitId: string, localDate: string) {
  return db
    .selectFrom('check_ins')
    .selectAll()
    .where('habit_id', '=', habitId)
    .where('local_date', '=', localDate)
    .executeTakeFirst()
}

export async function deleteCheckIn(db: Kysely<Database>, habitId: string, localDate: string) {
  const deleted = await db
    .deleteFrom('check_ins')
    .where('habit_id', '=', habitId)
    .where('local_date', '=', localDate)
    .executeTakeFirst()
  return deleted.numDeletedRows > 0n
}

/** Every check-in of the given habits, oldest first, grouped by habit. */
export async function checkInsOfHabits(db: Kysely<Database>, habitIds: string[]) {
  const byHabit = new Map<string, CheckInRow[]>(habitIds.map((id) => [id, []]))
  if (habitIds.length === 0) return byHabit
  const rows = await db
    .selectFrom('check_ins')
    .selectAll()
    .where('habit_id', 'in', habitIds)
    .orderBy('habit_id')
    .orderBy('local_date')
    .execute()
  for (const row of rows) byHabit.get(row.habit_id)?.push(row)
  return byHabit
}
