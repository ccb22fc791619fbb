import { type Kysely, sql } from 'kysely'
import type { CheckInRow, CheckInSource } from '../../db/tables/check-ins.ts'
import type { Database } from '../../db/tables.ts'
import type { CheckInStatus } from '../../schemas/habits.ts'

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
  return (await upsertCheckIns(db, [write]))[0] as CheckInRow
}

/** Writes several check-ins (at most one per habit and day) in one statement, replacing what those days had. */
export async function upsertCheckIns(db: Kysely<Database>, writes: CheckInWrite[]) {
  if (writes.length === 0) return []
  const rows = writes.map((write) => ({
    habit_id: write.habitId,
    user_id: write.userId,
    local_date: write.localDate,
    status: write.status,
    value: write.value,
    source: write.source,
  }))
  return db
    .insertInto('check_ins')
    .values(rows)
    .onConflict((c) =>
      c.columns(['habit_id', 'local_date']).doUpdateSet((eb) => ({
        status: eb.ref('excluded.status'),
        value: eb.ref('excluded.value'),
        source: eb.ref('excluded.source'),
        updated_at: sql`now()`,
      })),
    )
    .returningAll()
    .execute()
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

/** What a habit's summary and stats are computed from: a day's status and value. */
export type CheckInDay = Pick<CheckInRow, 'habit_id' | 'local_date' | 'status' | 'value'>

/** Every check-in of the given habits (the columns summaries need), oldest first, grouped by habit. */
export async function checkInsOfHabits(db: Kysely<Database>, habitIds: string[]) {
  const byHabit = new Map<string, CheckInDay[]>(habitIds.map((id) => [id, []]))
  if (habitIds.length === 0) return byHabit
  const rows = await db
    .selectFrom('check_ins')
    .select(['habit_id', 'local_date', 'status', 'value'])
    .where('habit_id', 'in', habitIds)
    .orderBy('habit_id')
    .orderBy('local_date')
    .execute()
  for (const row of rows) byHabit.get(row.habit_id)?.push(row)
  return byHabit
}
