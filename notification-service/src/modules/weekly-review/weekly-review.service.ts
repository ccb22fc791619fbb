import { addDays } from '@focushub/shared/time'
import { DateTime } from 'luxon'
import type { NotificationContext } from '../../context.ts'
import type { WeeklyReviewRow } from '../../db/tables/weekly-reviews.ts'
import type { LocalRange, UserDays } from '../agenda/agenda.clients.ts'
import type { AgendaContext, Drafting } from '../agenda/agenda.service.ts'
import { findWeeklyReview, saveWeeklyReview, weeklyReviewsOf } from './weekly-review.repository.ts'
import { type WeekFigures, WeeklyReviewCursor } from './weekly-review.schemas.ts'
import { weeklyReview } from './weekly-review-text.ts'

/** The last whole local ISO week (Monday to Sunday) before a local day: a run on any day of a week reviews the one before. */
export function weekBefore(localDate: string): LocalRange {
  const monday = DateTime.fromISO(localDate, { zone: 'UTC' }).startOf('week').toISODate() as string
  return { from: addDays(monday, -7), to: addDays(monday, -1) }
}

/** A week's figures from the services that own them: one internal call each, in parallel. */
export async function weekFiguresOf(days: UserDays, userId: string, week: LocalRange): Promise<WeekFigures> {
  const [focus, tasks, habits] = await Promise.all([
    days.focusWeekOf(userId, week),
    days.tasksWeekOf(userId, week),
    days.habitsWeekOf(userId, week),
  ])
  return {
    focusMinutes: focus.focusedMinutes,
    focusSessions: focus.sessions,
    tasksDone: tasks.tasksDone,
    habitsKept: habits.habitsKept,
    habitsDue: habits.habitsDue,
  }
}

const figuresOf = (row: WeeklyReviewRow): WeekFigures => ({
  focusMinutes: row.focus_minutes,
  focusSessions: row.focus_sessions,
  tasksDone: row.tasks_done,
  habitsKept: row.habits_kept,
  habitsDue: row.habits_due,
})

/**
 * The weekly review's run (a per-user job of agenda.service.ts): the last whole week before the run's
 * local day, asked of the services, against the week before — its row when one was kept, else asked
 * too. The row is kept (upserted) in the transaction that tells it.
 */
export const weeklyReviewDrafts: Drafting = async (ctx: AgendaContext, userId, localDate) => {
  const week = weekBefore(localDate)
  const previousWeek = { from: addDays(week.from, -7), to: addDays(week.to, -7) }
  const [figures, kept] = await Promise.all([
    weekFiguresOf(ctx.days, userId, week),
    findWeeklyReview(ctx.db, userId, previousWeek.from),
  ])
  const previous = kept ? figuresOf(kept) : await weekFiguresOf(ctx.days, userId, previousWeek)
  return {
    drafts: [weeklyReview(userId, week.from, figures, previous)],
    keep: (trx) => saveWeeklyReview(trx, userId, week.from, figures, previous),
  }
}

const dayMs = 86_400_000
const cursorOf = (weekStart: string) => WeeklyReviewCursor.encode([Date.parse(weekStart) / dayMs])

/** What Postgres's `date` and JavaScript's Date both hold, as day numbers: 0001-01-01 to 9999-12-31. */
const [firstDay, lastDay] = [Date.parse('0001-01-01') / dayMs, Date.parse('9999-12-31') / dayMs]

/**
 * The day a cursor names, as a date. Any 4 bytes are a well-formed cursor: a day beyond the calendar's
 * years is its first or last day (every week is before the one, none before the other).
 */
function weekOfCursor(cursor: string) {
  const [day] = WeeklyReviewCursor.decode(cursor)
  return new Date(Math.min(Math.max(day, firstDay), lastDay) * dayMs).toISOString().slice(0, 10)
}

const toWeeklyReview = (row: WeeklyReviewRow) => ({
  weekStart: row.week_start,
  weekEnd: addDays(row.week_start, 6),
  ...figuresOf(row),
  previous: row.previous,
  createdAt: row.created_at.toISOString(),
})

/** The user's weekly reviews, newest week first, keyset-paginated by the week's Monday. */
export async function listWeeklyReviews(
  ctx: NotificationContext,
  userId: string,
  query: { cursor?: string; limit: number },
) {
  const before = query.cursor ? weekOfCursor(query.cursor) : undefined
  const rows = await weeklyReviewsOf(ctx.db, userId, { before, rows: query.limit + 1 })
  const page = rows.slice(0, query.limit)
  const last = page.at(-1)
  return {
    items: page.map(toWeeklyReview),
    nextCursor: rows.length > query.limit && last ? cursorOf(last.week_start) : null,
  }
}
