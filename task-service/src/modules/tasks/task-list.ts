import { type DayBoundary, dayBoundaryOf, defaultDayBoundary, localDateOf, localDayBounds } from '@focushub/shared'
import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely'
import type { Static } from 'typebox'
import type { TaskContext } from '../../context.ts'
import type { TaskRow } from '../../db/tables/tasks.ts'
import type { Database } from '../../db/tables.ts'
import { requireAccess } from '../members/membership.ts'
import { decodeTaskCursor, encodeTaskCursor, type TaskCursor } from './task-cursor.ts'
import { taskColumns } from './tasks.repository.ts'
import { type ListTasksQuery, priorities } from './tasks.schemas.ts'
import { toTask } from './tasks.view.ts'

type Query = Static<typeof ListTasksQuery>
type Where = ExpressionBuilder<Database, 'tasks'>

/** How each sort orders rows: a key, its direction, and the id as tie-breaker in the same direction. */
const sorts = {
  created: { key: null, direction: 'asc' },
  '-created': { key: null, direction: 'desc' },
  due: { key: sql<string>`coalesce(due_at, 'infinity'::timestamptz)`, direction: 'asc' },
  priority: { key: sql<number>`priority`, direction: 'desc' },
  position: { key: sql<number>`position`, direction: 'asc' },
} as const

const keyOf = (sort: Query['sort'], row: TaskRow): string | number | null => {
  if (sort === 'due') return row.due_at?.toISOString() ?? 'infinity'
  if (sort === 'priority') return row.priority
  if (sort === 'position') return row.position
  return null
}

/** Rows strictly after the cursor in the sort's order: (key, id) compared as a pair. */
function after(eb: Where, sort: Query['sort'], cursor: TaskCursor): Expression<SqlBool> {
  const { key, direction } = sorts[sort]
  const op = direction === 'asc' ? '>' : '<'
  if (key === null) return eb('id', op, cursor.id)
  const value = sort === 'due' ? sql`${cursor.key}::timestamptz` : sql`${cursor.key}`
  return sql<SqlBool>`(${key}, id) ${sql.raw(op)} (${value}, ${cursor.id}::uuid)`
}

/** The filters of a list, in SQL; every one narrows, none widens beyond the caller's projects. */
function filtersOf(eb: Where, query: Query, boundary: DayBoundary, now: Date): Expression<SqlBool>[] {
  const open = eb('status', 'in', ['todo', 'in_progress'])
  const filters: Expression<SqlBool>[] = []
  if (query.parentId) filters.push(eb('parent_id', '=', query.parentId))
  if (query.status) filters.push(eb('status', 'in', query.status))
  if (query.priority)
    filters.push(
      eb(
        'priority',
        'in',
        query.priority.map((name) => priorities.indexOf(name)),
      ),
    )
  if (query.labelId) filters.push(sql<SqlBool>`label_ids @> array[${query.labelId}]::uuid[]`)
  if (query.assigneeId) filters.push(eb('assignee_id', '=', query.assigneeId))
  if (query.dueBefore) filters.push(eb('due_at', '<', new Date(query.dueBefore)))
  if (query.dueAfter) filters.push(eb('due_at', '>=', new Date(query.dueAfter)))
  const today = localDateOf(now, boundary)
  if (query.overdue !== undefined) {
    const overdue = eb.and([open, overdueOn(eb, today, now)])
    filters.push(query.overdue ? overdue : eb.not(knownTrue(overdue)))
  }
  if (query.dueToday !== undefined) {
    const dueToday = dueOnDay(eb, today, boundary)
    filters.push(query.dueToday ? dueToday : eb.not(knownTrue(dueToday)))
    // Due today means still to do today, as /tasks/stats counts it, unless a status is asked.
    if (query.dueToday && !query.status) filters.push(open)
  }
  if (query.q) filters.push(sql<SqlBool>`search @@ websearch_to_tsquery('english', ${query.q})`)
  return filters
}

/** NULL (an undated task) as false, so that negating a condition keeps the rows it did not hold for. */
const knownTrue = (condition: Expression<SqlBool>) => sql<SqlBool>`coalesce(${condition}, false)`

/** Due on a local day: an all-day task dated that day, or a timed one due within its bounds. */
export function dueOnDay(eb: Where, localDate: string, boundary: DayBoundary): Expression<SqlBool> {
  const { start, end } = localDayBounds(localDate, boundary)
  return eb.or([
    eb('due_date', '=', localDate),
    eb.and([eb('due_date', 'is', null), eb('due_at', '>=', start), eb('due_at', '<', end)]),
  ])
}

/**
 * Past its deadline for a viewer whose local today is `today`: an all-day task once its date is
 * before the viewer's today (it is due by the end of the viewer's day, whoever wrote it in whatever
 * zone), a timed one once its instant has passed.
 */
export function overdueOn(eb: Where, today: string, now: Date): Expression<SqlBool> {
  return eb.or([eb('due_date', '<', today), eb.and([eb('due_date', 'is', null), eb('due_at', '<', now)])])
}

/** The ids of the user's projects, as a subquery: lists never reach past them. */
export const projectsOf = (db: Kysely<Database>, userId: string) =>
  db.selectFrom('project_members').select('project_id').where('user_id', '=', userId)

/** The user's projects that are not archived: what lists and stats cover unless a project is named. */
export const activeProjectsOf = (db: Kysely<Database>, userId: string) =>
  db
    .selectFrom('project_members')
    .innerJoin('projects', 'projects.id', 'project_members.project_id')
    .select('project_members.project_id')
    .where('project_members.user_id', '=', userId)
    .where('projects.archived_at', 'is', null)

export async function listTasks(ctx: TaskContext, userId: string, query: Query) {
  if (query.projectId) await requireAccess(ctx.db, query.projectId, userId, 'read')
  const byLocalDay = query.dueToday !== undefined || query.overdue !== undefined
  const boundary = byLocalDay ? await dayBoundaryOf(ctx.db, userId) : defaultDayBoundary
  const cursor = query.cursor === undefined ? undefined : decodeTaskCursor(query.cursor, query.sort)
  const { key, direction } = sorts[query.sort]
  let select = ctx.db
    .selectFrom('tasks')
    .select(taskColumns)
    .where((eb) => {
      const conditions = filtersOf(eb, query, boundary, ctx.now())
      if (cursor) conditions.push(after(eb, query.sort, cursor))
      return eb.and(conditions)
    })
    .where('project_id', 'in', query.projectId ? [query.projectId] : activeProjectsOf(ctx.db, userId))
  if (key !== null) select = select.orderBy(key, direction)
  const rows = await select
    .orderBy('id', direction)
    .limit(query.limit + 1)
    .execute()
  const items = rows.slice(0, query.limit)
  const last = items.at(-1)
  const nextCursor =
    rows.length > query.limit && last
      ? encodeTaskCursor({ sort: query.sort, key: keyOf(query.sort, last), id: last.id })
      : null
  return { items: items.map(toTask), nextCursor }
}
