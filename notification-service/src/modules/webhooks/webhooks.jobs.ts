import type { Task, TaskList } from 'graphile-worker'
import Type from 'typebox'
import Value from 'typebox/value'
import { attemptDelivery, deliverWebhookTask, type WebhookContext } from './webhooks.service.ts'

const DeliverPayload = Type.Object({ deliveryId: Type.String({ format: 'uuid' }) })

/** The webhooks module's jobs (task-list.ts). An attempt's failure is retried by the module's own schedule. */
export const webhookJobs = (ctx: WebhookContext): TaskList => {
  const deliverJob: Task = async (payload, helpers) => {
    if (!Value.Check(DeliverPayload, payload)) {
      helpers.logger.error('deliver-webhook: malformed payload, dropped')
      return
    }
    const outcome = await attemptDelivery(ctx, payload.deliveryId)
    helpers.logger.debug(`deliver-webhook ${payload.deliveryId}: ${outcome}`)
  }
  return { [deliverWebhookTask]: deliverJob }
}
