import { dayBoundaryOf } from '@focushub/shared/events'
import { localDateOf, localDayBounds } from '@focushub/shared/time'
import type { Static } from 'typebox'
import type { TaskContext } from '../../context.ts'
import { listTasks } from '../tasks/task-list.ts'
import type { UserDay } from './internal.schemas.ts'
import { countDayTasks } from './internal-day.repository.ts'
import { countTasksDone } from './internal-week.repository.ts'

/**
 * The user's day as the Today screen shows it: open tasks due on their local today and those overdue,
 * across their active projects, each list the first `limit` by due time and counted in full. The
 * lists and counts are the ones /tasks?dueToday, /tasks?overdue and /tasks/stats answer the user, each
 * read from index ranges of open tasks around today (not from every task of their projects).
 */
export async function userDay(ctx: TaskContext, userId: string, limit: number): Promise<Static<typeof UserDay>> {
  // TaskSort's literals are mapped from names, so its static type is opaque: 'due' is one of them.
  const page = { limit, sort: 'due' as never }
  const boundary = await dayBoundaryOf(ctx.db, userId)
  const now = ctx.now()
  const today = localDateOf(now, boundary)
  const [counts, dueToday, overdue] = await Promise.all([
    countDayTasks(ctx.db, { userId, today, now, boundary }),
    listTasks(ctx, userId, { ...page, dueToday: true }),
    listTasks(ctx, userId, { ...page, overdue: true }),
  ])
  const brief = (items: typeof dueToday.items) =>
    items.map(({ id, projectId, title, priority, due, dueAt, allDay }) => ({
      id,
      projectId,
      title,
      priority,
      due,
      dueAt,
      allDay,
    }))
  return {
    localDate: today,
    dueToday: { count: counts.dueToday, items: brief(dueToday.items) },
    overdue: { count: counts.overdue, items: brief(overdue.items) },
  }
}

/** The tasks the user got done over a span of their local days (the weekly review). */
export async function userWeek(ctx: TaskContext, userId: string, range: { from: string; to: string }) {
  const boundary = await dayBoundaryOf(ctx.db, userId)
  const start = localDayBounds(range.from, boundary).start
  const end = localDayBounds(range.to, boundary).end
  return { ...range, tasksDone: await countTasksDone(ctx.db, userId, start, end) }
}
