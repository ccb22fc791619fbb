import { type EventBus, type EventsConfig, handle, runEventConsumer, type UnitOfWork } from '@focushub/shared/events'
import type { App } from '@focushub/shared/http'
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { webhookEventTypes } from '../modules/webhooks/webhooks.schemas.ts'
import { queueEventDeliveries } from '../modules/webhooks/webhooks.service.ts'

/**
 * Webhooks have a consumer group of their own: their deliveries are queued from every event they take
 * apart from the notifications the same events make (one handler per type and group), and a slow
 * receiver's backlog never holds the inbox back (deliveries are jobs).
 */
export const webhooksConsumerGroup = 'notification-service-webhooks'

export const webhookTopics = ['focushub.task.events', 'focushub.focus.events', 'focushub.habit.events']

export const webhookEventHandlers = [
  handle(webhookEventTypes, (work: UnitOfWork<Database>, events) => queueEventDeliveries(work, events)),
]

/** Runs consumer group `notification-service-webhooks` for the life of the app. */
export function runWebhooksConsumer(app: App, setup: { db: Kysely<Database>; bus: EventBus; config: EventsConfig }) {
  return runEventConsumer(app, {
    bus: setup.bus,
    groupId: webhooksConsumerGroup,
    topics: webhookTopics,
    handlers: webhookEventHandlers,
    config: setup.config,
    db: setup.db,
  })
}
