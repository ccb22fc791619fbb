import { dayBoundaryOf } from '@focushub/shared/events'
import { localDateOf, localDayBounds } from '@focushub/shared/time'
import { DateTime } from 'luxon'
import type { TaskContext } from '../../context.ts'
import { requireAccess } from '../members/membership.ts'
import { countTasks } from './stats.repository.ts'

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
  const row = await countTasks(ctx.db, { userId, projectId, today, now, boundary, dayStart, weekStart })
  return { ...row, localDate: today }
}
