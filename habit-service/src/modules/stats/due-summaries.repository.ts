import { type DayBoundary, defaultDayBoundary } from '@focushub/shared/time'
import { type Kysely, sql } from 'kysely'
import type { HabitRow } from '../../db/tables/habits.ts'
import type { Database } from '../../db/tables.ts'
import { type BoundaryToday, boundaryOfProfile } from './due-summaries.ts'

const nilUuid = '00000000-0000-0000-0000-000000000000'

/** Every (time zone, day start) some user's profile names. */
export async function dayBoundariesInUse(db: Kysely<Database>): Promise<DayBoundary[]> {
  const rows = await db.selectFrom('user_profiles').select(['timezone', 'day_start_hour']).distinct().execute()
  return rows.map((row) => ({ timezone: row.timezone, dayStartHour: row.day_start_hour }))
}

/**
 * FROM … WHERE of the active habits, each with its owner's profile, whose summary is older than
 * the today given for the owner's boundary (a user without a profile has the default one).
 */
function dueHabits(todays: BoundaryToday[]) {
  const days = sql.join(todays.map((day) => sql`(${day.timezone}, ${day.dayStartHour}::int, ${day.today}::date)`))
  return sql`
    habits
    left join user_profiles profile on profile.user_id = habits.user_id
    join (values ${days}) as day (timezone, day_start_hour, today)
      on day.timezone = coalesce(profile.timezone, ${defaultDayBoundary.timezone})
      and day.day_start_hour = coalesce(profile.day_start_hour, ${defaultDayBoundary.dayStartHour})
    where habits.archived_at is null
      and (habits.summary_as_of < day.today or habits.summary_as_of is null)`
}

/** The ids of up to `limit` due habits after `after`, in id order; nothing is locked. */
export async function dueHabitIds(
  db: Kysely<Database>,
  todays: BoundaryToday[],
  after: string | undefined,
  limit: number,
) {
  const { rows } = await sql<{ id: string }>`
    select habits.id from ${dueHabits(todays)} and habits.id > ${after ?? nilUuid}::uuid
    order by habits.id
    limit ${limit}`.execute(db)
  return rows.map((row) => row.id)
}

/**
 * Locks those of the habits named that are still due (in id order), each with its owner's
 * boundary. Rows another transaction holds are skipped (SKIP LOCKED), so replicas and workers
 * take disjoint rows, and a row refreshed since it was named is no longer due.
 */
export async function lockDueHabits(trx: Kysely<Database>, todays: BoundaryToday[], habitIds: string[]) {
  const { rows } = await sql<HabitRow & { timezone: string | null; day_start_hour: number | null }>`
    select habits.*, profile.timezone, profile.day_start_hour
    from ${dueHabits(todays)} and habits.id = any(${habitIds}::uuid[])
    order by habits.id
    for update of habits skip locked`.execute(trx)
  return rows.map(({ timezone, day_start_hour, ...habit }) => ({
    habit,
    boundary: boundaryOfProfile(timezone, day_start_hour),
  }))
}
