import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/tables.ts'

const finished = ['completed', 'abandoned'] as const

/** Per-day totals of a local-date range (days without focus have no row). */
export const dailyTotalsBetween = (db: Kysely<Database>, userId: string, from: string, to: string) =>
  db
    .selectFrom('daily_totals')
    .select(['local_date', 'focused_seconds', 'sessions', 'pomodoros'])
    .where('user_id', '=', userId)
    .where('local_date', '>=', from)
    .where('local_date', '<=', to)
    .orderBy('local_date')
    .execute()

export async function achievedDates(db: Kysely<Database>, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('goal_awards')
    .select('local_date')
    .where('user_id', '=', userId)
    .orderBy('local_date')
    .execute()
  return rows.map((row) => row.local_date)
}

interface SessionRange {
  userId: string
  from: string
  to: string
  /** Instants bounding the local dates, so the (user_id, started_at) index does the narrowing. */
  start: Date
  end: Date
}

const finishedSessionsIn = (db: Kysely<Database>, range: SessionRange) =>
  db
    .selectFrom('focus_sessions')
    .where('user_id', '=', range.userId)
    .where('started_at', '>=', range.start)
    .where('started_at', '<', range.end)
    .where('local_date', '>=', range.from)
    .where('local_date', '<=', range.to)
    .where('status', 'in', finished)

export const secondsByTask = (db: Kysely<Database>, range: SessionRange) =>
  finishedSessionsIn(db, range)
    .select([
      'task_id',
      sql<number>`sum(focused_seconds)::int`.as('seconds'),
      sql<number>`count(*)::int`.as('sessions'),
    ])
    .groupBy('task_id')
    .orderBy('seconds', 'desc')
    .limit(100)
    .execute()

/** Focused seconds by the local hour (in `timezone`) each session started in. */
export const secondsByHour = (db: Kysely<Database>, range: SessionRange, timezone: string) =>
  finishedSessionsIn(db, range)
    .select([
      sql<number>`extract(hour from started_at at time zone ${timezone})::int`.as('hour'),
      sql<number>`sum(focused_seconds)::int`.as('seconds'),
    ])
    .groupBy('hour')
    .execute()
