import type { DayBoundary } from '@focushub/shared/time'
import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/tables.ts'
import { activeProjectsOf, dueOnDay, overdueOn } from '../tasks/task-list.repository.ts'

export interface TaskCountsQuery {
  userId: string
  /** Only this project's tasks; every active project of the user's when absent. */
  projectId?: string
  today: string
  now: Date
  boundary: DayBoundary
  dayStart: Date
  weekStart: Date
}

/** Open, overdue, due-today and done counts over the tasks of the user's active projects (or the one named). */
export const countTasks = (db: Kysely<Database>, q: TaskCountsQuery) =>
  db
    .selectFrom('tasks')
    .where('project_id', 'in', q.projectId ? [q.projectId] : activeProjectsOf(db, q.userId))
    .select((eb) => {
      const open = eb('status', 'in', ['todo', 'in_progress'])
      const count = (condition: ReturnType<typeof eb.and>) => sql<number>`count(*) filter (where ${condition})::int`
      const doneSince = (start: Date) => eb.and([eb('status', '=', 'done'), eb('completed_at', '>=', start)])
      return [
        count(eb.and([open])).as('open'),
        count(eb.and([open, overdueOn(eb, q.today, q.now)])).as('overdue'),
        count(eb.and([open, dueOnDay(eb, q.today, q.boundary)])).as('dueToday'),
        count(doneSince(q.dayStart)).as('doneToday'),
        count(doneSince(q.weekStart)).as('doneThisWeek'),
      ]
    })
    .executeTakeFirstOrThrow()
