import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/tables.ts'

export interface DayCredit {
  focusedSeconds: number
  sessions: number
  pomodoros: number
}

/** Adds (or, negated, takes back) a session's credit to the user's total for a local day. */
export async function addToDailyTotal(db: Kysely<Database>, userId: string, localDate: string, credit: DayCredit) {
  await db
    .insertInto('daily_totals')
    .values({
      user_id: userId,
      local_date: localDate,
      focused_seconds: Math.max(credit.focusedSeconds, 0),
      sessions: Math.max(credit.sessions, 0),
      pomodoros: Math.max(credit.pomodoros, 0),
    })
    .onConflict((c) =>
      c.columns(['user_id', 'local_date']).doUpdateSet({
        focused_seconds: sql<number>`greatest(daily_totals.focused_seconds + ${credit.focusedSeconds}, 0)`,
        sessions: sql<number>`greatest(daily_totals.sessions + ${credit.sessions}, 0)`,
        pomodoros: sql<number>`greatest(daily_totals.pomodoros + ${credit.pomodoros}, 0)`,
      }),
    )
    .execute()
}

export async function focusedSecondsOn(db: Kysely<Database>, userId: string, localDate: string) {
  const row = await db
    .selectFrom('daily_totals')
    .select('focused_seconds')
    .where('user_id', '=', userId)
    .where('local_date', '=', localDate)
    .executeTakeFirst()
  return row?.focused_seconds ?? 0
}

/** Whether the user's award for that local day was given. */
export async function goalAwarded(db: Kysely<Database>, userId: string, localDate: string) {
  const award = await db
    .selectFrom('goal_awards')
    .select('local_date')
    .where('user_id', '=', userId)
    .where('local_date', '=', localDate)
    .executeTakeFirst()
  return award !== undefined
}

/** Records the award for a day; false when that day's award was already given. */
export async function insertGoalAward(
  db: Kysely<Database>,
  award: { userId: string; localDate: string; goalMinutes: number; focusedMinutes: number; awardedAt: Date },
) {
  const inserted = await db
    .insertInto('goal_awards')
    .values({
      user_id: award.userId,
      local_date: award.localDate,
      goal_minutes: award.goalMinutes,
      focused_minutes: award.focusedMinutes,
      awarded_at: award.awardedAt,
    })
    .onConflict((c) => c.columns(['user_id', 'local_date']).doNothing())
    .returning('local_date')
    .executeTakeFirst()
  return inserted !== undefined
}

/** Withdraws a day's award if it was given at a goal above `focusedMinutes`; answers the award withdrawn. */
export async function deleteGoalAwardAbove(
  db: Kysely<Database>,
  userId: string,
  localDate: string,
  focusedMinutes: number,
) {
  return db
    .deleteFrom('goal_awards')
    .where('user_id', '=', userId)
    .where('local_date', '=', localDate)
    .where('goal_minutes', '>', focusedMinutes)
    .returning('goal_minutes')
    .executeTakeFirst()
}
