import { preparedStatement } from '@focushub/shared/db'
import { addDays, type DayBoundary, localDayBounds } from '@focushub/shared/time'
import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely'
import type { TaskRow, TaskStatus } from '../../db/tables/tasks.ts'
import type { Database } from '../../db/tables.ts'
import type { TaskCursor } from './task-cursor.ts'
import { taskColumns } from './tasks.repository.ts'

type Where = ExpressionBuilder<Database, 'tasks'>

/**
 * How each sort orders rows: a key, its direction, and the id as tie-breaker in the same direction.
 * Each has an index led by project_id whose next columns are exactly (key, id), so one project's
 * page is a range of that index: created on tasks_project_id, due on tasks_project_due_order,
 * priority on tasks_project_priority (read backwards), position on tasks_project_position.
 */
const sorts = {
  created: { key: null, direction: 'asc' },
  '-created': { key: null, direction: 'desc' },
  due: { key: sql<string>`coalesce(due_at, 'infinity'::timestamptz)`, direction: 'asc' },
  priority: { key: sql<number>`priority`, direction: 'desc' },
  position: { key: sql<number>`position`, direction: 'asc' },
} as const

export type TaskSortName = keyof typeof sorts

/** What a list asks for, in the terms of the tasks table. */
export interface TaskFilter {
  parentId?: string
  status?: TaskStatus[]
  priority?: number[]
  labelId?: string
  assigneeId?: string
  dueBefore?: Date
  dueAfter?: Date
  /** Past its deadline (true) or not (false) for a viewer whose local today is `today`. */
  overdue?: boolean
  /** Due on the viewer's local today (true) or not (false). */
  dueToday?: boolean
  q?: string
  today: string
  now: Date
  boundary: DayBoundary
}

export interface TaskPageQuery {
  /** The projects the page is drawn from: one when a project is named, else the user's active ones. */
  projectIds: string[]
  sort: TaskSortName
  filter: TaskFilter
  cursor?: TaskCursor
  /** Rows to read: the page size plus one, to tell whether another page follows. */
  rows: number
}

/** Rows strictly after the cursor in the sort's order: (key, id) compared as a pair. */
function after(eb: Where, sort: TaskSortName, cursor: TaskCursor): Expression<SqlBool> {
  const { key, direction } = sorts[sort]
  const op = direction === 'asc' ? '>' : '<'
  if (key === null) return eb('id', op, cursor.id)
  const value = sort === 'due' ? sql`${cursor.key}::timestamptz` : sql`${cursor.key}`
  return sql<SqlBool>`(${key}, id) ${sql.raw(op)} (${value}, ${cursor.id}::uuid)`
}

/** Still to do. Written as a literal: a generic plan of the merge can then read tasks_project_open_due, its predicate. */
export const openTask = sql<SqlBool>`status in ('todo', 'in_progress')`

/** The filters of a list, in SQL; every one narrows, none widens beyond the given projects. */
function filtersOf(eb: Where, filter: TaskFilter): Expression<SqlBool>[] {
  const filters: Expression<SqlBool>[] = []
  if (filter.parentId) filters.push(eb('parent_id', '=', filter.parentId))
  if (filter.status) filters.push(eb('status', 'in', filter.status))
  if (filter.priority) filters.push(eb('priority', 'in', filter.priority))
  if (filter.labelId) filters.push(sql<SqlBool>`label_ids @> array[${filter.labelId}]::uuid[]`)
  if (filter.assigneeId) filters.push(eb('assignee_id', '=', filter.assigneeId))
  if (filter.dueBefore) filters.push(eb('due_at', '<', filter.dueBefore))
  if (filter.dueAfter) filters.push(eb('due_at', '>=', filter.dueAfter))
  // Overdue and due today also name the range of the due key that holds them (redundant, the same rows),
  // so that a list reads that range of a due index rather than all of each project's tasks.
  if (filter.overdue !== undefined) {
    const overdue = eb.and([openTask, overdueOn(eb, filter.today, filter.now)])
    const range = dueKeyWithin(undefined, overdueBefore(filter.today, filter.now))
    filters.push(filter.overdue ? eb.and([overdue, range]) : eb.not(knownTrue(overdue)))
  }
  if (filter.dueToday !== undefined) {
    const dueToday = dueOnDay(eb, filter.today, filter.boundary)
    const { start, end } = dueOnDaySpan(filter.today, filter.boundary)
    filters.push(filter.dueToday ? eb.and([dueToday, dueKeyWithin(start, end)]) : eb.not(knownTrue(dueToday)))
    // Due today means still to do today, as /tasks/stats counts it, unless a status is asked.
    if (filter.dueToday && !filter.status) filters.push(openTask)
  }
  if (filter.q) filters.push(sql<SqlBool>`search @@ websearch_to_tsquery('english', ${filter.q})`)
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

const dayMs = 86_400_000
const earliest = (a: Date, b: Date) => (a < b ? a : b)
const latest = (a: Date, b: Date) => (a > b ? a : b)

/**
 * Where an all-day task dated `localDate` can be due: at the end of that date in its writer's zone
 * (parseDue), whoever wrote it. With any UTC offset under a day and any day-start hour, that instant
 * lies after 00:00Z of the date and before 00:00Z three days later.
 */
function allDayDueSpan(localDate: string) {
  const start = new Date(`${localDate}T00:00:00Z`)
  return { start, end: new Date(start.getTime() + 3 * dayMs) }
}

/** [start, end) of the due key holding every task due on a local day (dueOnDay): timed ones in its bounds, all-day ones. */
export function dueOnDaySpan(localDate: string, boundary: DayBoundary) {
  const day = localDayBounds(localDate, boundary)
  const allDay = allDayDueSpan(localDate)
  return { start: earliest(day.start, allDay.start), end: latest(day.end, allDay.end) }
}

/** An instant every overdue task (overdueOn) is due before: `now`, or the latest an all-day task dated before today is. */
export const overdueBefore = (today: string, now: Date) => latest(now, allDayDueSpan(addDays(today, -1)).end)

/** The due key (the due sort's, undated last) in [start, end): a range of tasks_project_due_order or tasks_project_open_due. */
export function dueKeyWithin(start: Date | undefined, end: Date): Expression<SqlBool> {
  const key = sorts.due.key
  return start === undefined ? sql<SqlBool>`${key} < ${end}` : sql<SqlBool>`${key} >= ${start} and ${key} < ${end}`
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

export async function activeProjectIdsOf(db: Kysely<Database>, userId: string): Promise<string[]> {
  const rows = await activeProjectsOf(db, userId).orderBy('project_members.project_id').execute()
  return rows.map((row) => row.project_id)
}

/** One project's part of a page: a range scan of the sort's index, stopped after `rows` rows. */
function projectPage(db: Kysely<Database>, projectId: string, query: TaskPageQuery) {
  const { key, direction } = sorts[query.sort]
  let select = db
    .selectFrom('tasks')
    .select(taskColumns)
    .where('project_id', '=', projectId)
    .where((eb) => {
      const conditions = filtersOf(eb, query.filter)
      if (query.cursor) conditions.push(after(eb, query.sort, query.cursor))
      return eb.and(conditions)
    })
  if (key !== null) select = select.select(sql`${key}`.as('sort_key')).orderBy(key, direction)
  // Literal: the merge is a prepared statement, and its one plan must know how far each part reads.
  return select.orderBy('id', direction).limit(sql.lit(query.rows))
}

/**
 * A page of tasks across projects. Each project's part is read by its own ordered index range
 * (LIMIT rows), and Postgres merges the parts in order (Merge Append) and stops once it has `rows`:
 * it reads about one index entry per project plus the page, however many tasks the projects, the
 * user or the table hold. One project needs no merge.
 */
export async function listTaskPage(db: Kysely<Database>, query: TaskPageQuery): Promise<TaskRow[]> {
  if (query.projectIds.length === 0) return []
  if (query.projectIds.length === 1) return projectPage(db, query.projectIds[0] as string, query).execute()
  const { key, direction } = sorts[query.sort]
  const dir = sql.raw(direction)
  const parts = sql.join(
    query.projectIds.map((projectId) => projectPage(db, projectId, query)),
    sql` union all `,
  )
  const order = key === null ? sql`id ${dir}` : sql`sort_key ${dir}, id ${dir}`
  // Planning the merge of 30 projects costs ~10× running it: prepared, it is planned once per connection.
  const { rows } =
    await sql<TaskRow>`${preparedStatement}select * from (${parts}) as parts order by ${order} limit ${sql.lit(query.rows)}`.execute(
      db,
    )
  return rows
}
