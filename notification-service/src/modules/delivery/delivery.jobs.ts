import type { Task, TaskList } from 'graphile-worker'
import Type from 'typebox'
import Value from 'typebox/value'
import { type DeliveryContext, sendEmail, sendEmailTask } from './delivery.service.ts'

const SendEmailPayload = Type.Object({ notificationId: Type.String({ format: 'uuid' }) })

/** The delivery module's jobs (task-list.ts). */
export const deliveryJobs = (ctx: DeliveryContext): TaskList => {
  const sendEmailJob: Task = async (payload, helpers) => {
    if (!Value.Check(SendEmailPayload, payload)) {
      helpers.logger.error('send-email: malformed payload, dropped')
      return
    }
    const { attempts, max_attempts } = helpers.job
    const outcome = await sendEmail(ctx, payload.notificationId, { number: attempts, of: max_attempts })
    helpers.logger.debug(`send-email ${payload.notificationId}: ${outcome}`)
  }
  return { [sendEmailTask]: sendEmailJob }
}
