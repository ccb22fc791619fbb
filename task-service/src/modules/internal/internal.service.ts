import type { Static } from 'typebox'
import type { TaskContext } from '../../context.ts'
import { taskStats } from '../stats/stats.service.ts'
import { listTasks } from '../tasks/task-list.ts'
import type { UserDay } from './internal.schemas.ts'

/**
 * The user's day as the Today screen shows it: open tasks due on their local today and those overdue,
 * across their active projects, each list the first `limit` by due time and counted in full. The
 * lists and counts are the ones /tasks?dueToday, /tasks?overdue and /tasks/stats answer the user.
 */
export async function userDay(ctx: TaskContext, userId: string, limit: number): Promise<Static<typeof UserDay>> {
  // TaskSort's literals are mapped from names, so its static type is opaque: 'due' is one of them.
  const page = { limit, sort: 'due' as never }
  const [stats, dueToday, overdue] = await Promise.all([
    taskStats(ctx, userId),
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
    localDate: stats.localDate,
    dueToday: { count: stats.dueToday, items: brief(dueToday.items) },
    overdue: { count: stats.overdue, items: brief(overdue.items) },
  }
}
