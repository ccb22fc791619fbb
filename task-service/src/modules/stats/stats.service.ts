import { dayBoundaryOf, localDateOf, localDayBounds } from '@focushub/shared'
import { sql } from 'kysely'
import { DateTime } from 'luxon'
import type { TaskContext } from '../../context.ts'
import { requireAccess } from '../members/membership.ts'
import { activeProjectsOf, dueOnDay, overdueOn } from '../tasks/task-list.ts'

/** Counts over the tasks of the caller's active projects (or the one named), by the caller's local day and week. */
export async function taskStats(ctx: TaskContext, userId: string, projectId?: string) {
  if (projectId) await requireAccess(ctx.db, projectId, userId, 'read')
  const boundary = await dayBoundaryOf(ctx.db, userId)
  const now = ctx.now()
  const today = localDateOf(now, boundary)
  // Weeks begin on Monday (ISO 8601).
  const monday = DateTime.fromISO(today, { zone: 'UTC' }).startOf('week').toISODate() as string
  const dayStart = localDayBounds(today, boundary).start
  const weekStart = localDayBounds(monday, boundary).start
  const row = await ctx.db
    .selectFrom('tasks')
    .where('project_id', 'in', projectId ? [projectId] : activeProjectsOf(ctx.db, userId))
    .select((eb) => {
      const open = eb('status', 'in', ['todo', 'in_progress'])
      const count = (condition: ReturnType<typeof eb.and>) => sql<number>`count(*) filter (where ${condition})::int`
      const doneSince = (start: Date) => eb.and([eb('status', '=', 'done'), eb('completed_at', '>=', start)])
      return [
        count(eb.and([open])).as('open'),
        count(eb.and([open, overdueOn(eb, today, now)])).as('overdue'),
        count(eb.and([open, dueOnDay(eb, today, boundary)])).as('dueToday'),
        count(doneSince(dayStart)).as('doneToday'),
        count(doneSince(weekStart)).as('doneThisWeek'),
      ]
    })
    .executeTakeFirstOrThrow()
  return { ...row, localDate: today }
}
