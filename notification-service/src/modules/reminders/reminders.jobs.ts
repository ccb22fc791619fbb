import type { Task, TaskList } from 'graphile-worker'
import Type from 'typebox'
import Value from 'typebox/value'
import type { NotificationContext } from '../../context.ts'
import {
  fireBatch,
  fireDueReminders,
  fireReminderTask,
  rearmDefaultReminders,
  rearmDefaultTask,
} from './reminders.service.ts'

const FireReminderPayload = Type.Object({
  taskId: Type.String({ format: 'uuid' }),
  userId: Type.String({ format: 'uuid' }),
  position: Type.Integer({ minimum: 0 }),
  fireAt: Type.String({ format: 'date-time' }),
})

const RearmDefaultPayload = Type.Object({ userId: Type.String({ format: 'uuid' }) })

/** The reminders module's jobs (task-list.ts). */
export const reminderJobs = (ctx: NotificationContext): TaskList => {
  /** Fires what is due by its instant, a batch at a time until one comes back short: the tick's reminders, drained. */
  const fireReminderJob: Task = async (payload, helpers) => {
    if (!Value.Check(FireReminderPayload, payload)) {
      helpers.logger.error(`${fireReminderTask}: malformed payload, dropped`)
      return
    }
    const through = new Date(payload.fireAt)
    const total = { fired: 0, told: 0 }
    let batch: typeof total
    do {
      batch = await fireDueReminders(ctx, through)
      total.fired += batch.fired
      total.told += batch.told
    } while (batch.fired === fireBatch && !helpers.abortSignal.aborted)
    helpers.logger.debug(`${fireReminderTask} through ${payload.fireAt}: ${total.fired} fired, ${total.told} told`)
  }
  const rearmDefaultJob: Task = async (payload, helpers) => {
    if (!Value.Check(RearmDefaultPayload, payload)) {
      helpers.logger.error(`${rearmDefaultTask}: malformed payload, dropped`)
      return
    }
    const rearmed = await rearmDefaultReminders(ctx, payload.userId)
    helpers.logger.debug(`${rearmDefaultTask} ${payload.userId}: ${rearmed} tasks`)
  }
  return { [fireReminderTask]: fireReminderJob, [rearmDefaultTask]: rearmDefaultJob }
}
