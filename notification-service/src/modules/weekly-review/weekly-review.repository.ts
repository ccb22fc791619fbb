import type { Kysely } from 'kysely'
import type { Database } from '../../db/tables.ts'
import type { WeekFigures } from './weekly-review.schemas.ts'

const columns = (figures: WeekFigures) => ({
  focus_minutes: figures.focusMinutes,
  focus_sessions: figures.focusSessions,
  tasks_done: figures.tasksDone,
  habits_kept: figures.habitsKept,
  habits_due: figures.habitsDue,
})

/** Keeps a week's review: a run again (a job retried) replaces the figures, keeping one row per user and week. */
export async function saveWeeklyReview(
  trx: Kysely<Database>,
  userId: string,
  weekStart: string,
  figures: WeekFigures,
  previous: WeekFigures,
) {
  const row = { ...columns(figures), previous: JSON.stringify(previous), updated_at: new Date() }
  await trx
    .insertInto('weekly_reviews')
    .values({ user_id: userId, week_start: weekStart, ...row })
    .onConflict((c) => c.columns(['user_id', 'week_start']).doUpdateSet(row))
    .execute()
}

export async function findWeeklyReview(db: Kysely<Database>, userId: string, weekStart: string) {
  return db
    .selectFrom('weekly_reviews')
    .selectAll()
    .where('user_id', '=', userId)
    .where('week_start', '=', weekStart)
    .executeTakeFirst()
}

/**
 * A page of the user's reviews, newest week first, after the week `before` (exclusive): a backward
 * range of the primary key.
 */
export function weeklyReviewsOf(db: Kysely<Database>, userId: string, page: { before?: string; rows: number }) {
  let query = db.selectFrom('weekly_reviews').selectAll().where('user_id', '=', userId)
  if (page.before) query = query.where('week_start', '<', page.before)
  return query.orderBy('week_start', 'desc').limit(page.rows).execute()
}

export async function eraseWeeklyReviews(trx: Kysely<Database>, userId: string) {
  await trx.deleteFrom('weekly_reviews').where('user_id', '=', userId).execute()
}
