import type { Task, TaskList } from 'graphile-worker'
import Type from 'typebox'
import Value from 'typebox/value'
import type { NotificationContext } from '../../context.ts'
import { fireReminder, fireReminderTask } from './reminders.service.ts'

const FireReminderPayload = Type.Object({
  taskId: Type.String({ format: 'uuid' }),
  userId: Type.String({ format: 'uuid' }),
  position: Type.Integer({ minimum: 0 }),
  fireAt: Type.String({ format: 'date-time' }),
})

/** The reminders module's jobs (task-list.ts). */
export const reminderJobs = (ctx: NotificationContext): TaskList => {
  const fireReminderJob: Task = async (payload, helpers) => {
    if (!Value.Check(FireReminderPayload, payload)) {
      helpers.logger.error(`${fireReminderTask}: malformed payload, dropped`)
      return
    }
    const outcome = await fireReminder(ctx, payload)
    helpers.logger.debug(`${fireReminderTask} ${payload.taskId}/${payload.userId}/${payload.position}: ${outcome}`)
  }
  return { [fireReminderTask]: fireReminderJob }
}
