import { handle, type UnitOfWork } from '@focushub/shared/events'
import type { Database } from '../db/tables.ts'
import { addFocusedTime } from '../modules/tasks/tasks.repository.ts'

/** focus.session.completed with a task → that task's focused minutes and pomodoros. */
export const focusEventHandlers = [
  handle(['focus.session.completed'], async (work: UnitOfWork<Database>, events) => {
    for (const { userId, data } of events) {
      if (data.taskId) await addFocusedTime(work.trx, userId, { ...data, taskId: data.taskId })
    }
  }),
]
