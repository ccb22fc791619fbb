import { dayBoundaryOf } from '@focushub/shared/events'
import { defaultDayBoundary, localDateOf } from '@focushub/shared/time'
import type { Static } from 'typebox'
import type { TaskContext } from '../../context.ts'
import type { TaskRow } from '../../db/tables/tasks.ts'
import { requireAccess } from '../members/membership.ts'
import { decodeTaskCursor, encodeTaskCursor } from './task-cursor.ts'
import { activeProjectIdsOf, listTaskPage, type TaskFilter, type TaskSortName } from './task-list.repository.ts'
import { type ListTasksQuery, priorities } from './tasks.schemas.ts'
import { toTask } from './tasks.view.ts'

type Query = Static<typeof ListTasksQuery>

const keyOf = (sort: TaskSortName, row: TaskRow): string | number | null => {
  if (sort === 'due') return row.due_at?.toISOString() ?? 'infinity'
  if (sort === 'priority') return row.priority
  if (sort === 'position') return row.position
  return null
}

/** The query's filters in the tasks table's terms; a local day is the caller's own. */
async function filterOf(ctx: TaskContext, userId: string, query: Query): Promise<TaskFilter> {
  const byLocalDay = query.dueToday !== undefined || query.overdue !== undefined
  const boundary = byLocalDay ? await dayBoundaryOf(ctx.db, userId) : defaultDayBoundary
  const now = ctx.now()
  return {
    parentId: query.parentId,
    status: query.status,
    priority: query.priority?.map((name) => priorities.indexOf(name)),
    labelId: query.labelId,
    assigneeId: query.assigneeId,
    dueBefore: query.dueBefore ? new Date(query.dueBefore) : undefined,
    dueAfter: query.dueAfter ? new Date(query.dueAfter) : undefined,
    overdue: query.overdue,
    dueToday: query.dueToday,
    q: query.q,
    today: localDateOf(now, boundary),
    now,
    boundary,
  }
}

export async function listTasks(ctx: TaskContext, userId: string, query: Query) {
  const sort: TaskSortName = query.sort
  const cursor = query.cursor === undefined ? undefined : decodeTaskCursor(query.cursor, query.sort)
  if (query.projectId) await requireAccess(ctx.db, query.projectId, userId, 'read')
  const [projectIds, filter] = await Promise.all([
    query.projectId ? [query.projectId] : activeProjectIdsOf(ctx.db, userId),
    filterOf(ctx, userId, query),
  ])
  const rows = await listTaskPage(ctx.db, { projectIds, sort, filter, cursor, rows: query.limit + 1 })
  const items = rows.slice(0, query.limit)
  const last = items.at(-1)
  const nextCursor =
    rows.length > query.limit && last
      ? encodeTaskCursor({ sort: query.sort, key: keyOf(sort, last), id: last.id })
      : null
  return { items: items.map(toTask), nextCursor }
}
