import { type EventBus, type EventsConfig, runEventConsumer } from '@focushub/shared/events'
import type { App } from '@focushub/shared/http'
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import type { ThumbnailMaker } from '../modules/attachments/attachment-thumbnails.ts'
import { authEventHandlers } from './auth-events.consumer.ts'
import { focusEventHandlers } from './focus-events.consumer.ts'
import { taskEventHandlers } from './task-events.consumer.ts'

export const consumerGroup = 'task-service'
export const consumedTopics = ['focushub.auth.events', 'focushub.focus.events', 'focushub.task.events']

/** What task-service does with events (other services', and its own): each handler gets a run's events in one unit of work. */
export const eventHandlers = (thumbnails: ThumbnailMaker) => [
  ...authEventHandlers,
  ...focusEventHandlers,
  ...taskEventHandlers(thumbnails),
]

/** Runs consumer group `task-service` for the life of the app. */
export function runConsumers(
  app: App,
  setup: { db: Kysely<Database>; bus: EventBus; config: EventsConfig; thumbnails: ThumbnailMaker },
) {
  return runEventConsumer(app, {
    bus: setup.bus,
    groupId: consumerGroup,
    topics: consumedTopics,
    handlers: eventHandlers(setup.thumbnails),
    config: setup.config,
    db: setup.db,
  })
}
