import type { DayBoundary } from '@focushub/shared/time'
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely'
import type { Database } from '../../db/tables.ts'
import {
  activeProjectsOf,
  dueKeyWithin,
  dueOnDay,
  dueOnDaySpan,
  openTask,
  overdueBefore,
  overdueOn,
} from '../tasks/task-list.repository.ts'

export interface DayCountsQuery {
  userId: string
  today: string
  now: Date
  boundary: DayBoundary
}

/**
 * The open tasks of the user's active projects due on their local today and overdue, counted as
 * /tasks/stats counts them, from one range of tasks_project_open_due per project (open tasks due before
 * the end of today's span, read from the index alone): not a count of every task the projects hold.
 */
export async function countDayTasks(db: Kysely<Database>, q: DayCountsQuery) {
  const [endOfToday, overdueEnd] = [dueOnDaySpan(q.today, q.boundary).end, overdueBefore(q.today, q.now)]
  const before = endOfToday > overdueEnd ? endOfToday : overdueEnd
  const count = (condition: Expression<SqlBool>) => sql<number>`count(*) filter (where ${condition})::int`
  return db
    .selectFrom('tasks')
    .where('project_id', 'in', activeProjectsOf(db, q.userId))
    .where(openTask)
    .where(dueKeyWithin(undefined, before))
    .select((eb) => [
      count(dueOnDay(eb, q.today, q.boundary)).as('dueToday'),
      count(overdueOn(eb, q.today, q.now)).as('overdue'),
    ])
    .executeTakeFirstOrThrow()
}
