import { applyOnce, type EventHandlers } from '@focushub/shared'
import { type Kysely, sql } from 'kysely'
import type { Database } from '../db/tables.ts'
import { projectsOf } from '../modules/tasks/task-list.ts'

/**
 * focus.session.completed with a task → its focused minutes and pomodoros, once per event. A task
 * that is gone, or that the session's owner cannot see, is left alone. The version is not bumped:
 * these counters are not the client's to edit, so they never make a client's next write stale.
 */
export function focusEventHandlers(db: Kysely<Database>): EventHandlers {
  return {
    'focus.session.completed': applyOnce(db, 'task-service.focus-credit', async (trx, event) => {
      if (!event.data.taskId) return
      await trx
        .updateTable('tasks')
        .set({
          focused_minutes: sql<number>`focused_minutes + ${event.data.focusedMinutes}`,
          pomodoros_done: sql<number>`pomodoros_done + ${event.data.pomodoros}`,
        })
        .where('id', '=', event.data.taskId)
        .where('project_id', 'in', projectsOf(trx, event.userId))
        .execute()
    }),
  }
}
