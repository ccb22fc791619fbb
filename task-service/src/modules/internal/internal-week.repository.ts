import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/tables.ts'

/**
 * Tasks done in [start, end) that were the user's to do: assigned to them, or unassigned and created
 * by them (tasks has no "completed by": whoever ticks a task off, it counts for the person it was for).
 * Two ranges of partial indexes (tasks_done_by_assignee, tasks_done_by_creator), one statement.
 */
export async function countTasksDone(db: Kysely<Database>, userId: string, start: Date, end: Date) {
  const row = await db
    .selectFrom('tasks')
    .select(sql<number>`count(*)::int`.as('done'))
    .where('status', '=', 'done')
    .where('completed_at', '>=', start)
    .where('completed_at', '<', end)
    .where((eb) =>
      eb.or([eb('assignee_id', '=', userId), eb.and([eb('assignee_id', 'is', null), eb('created_by', '=', userId)])]),
    )
    .executeTakeFirstOrThrow()
  return row.done
}
