import { type EventBus, type EventsConfig, runEventConsumer } from '@focushub/shared/events'
import type { App } from '@focushub/shared/http'
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { authEventHandlers } from './auth-events.consumer.ts'
import { focusEventHandlers } from './focus-events.consumer.ts'
import { habitEventHandlers } from './habit-events.consumer.ts'
import { socialEventHandlers } from './social-events.consumer.ts'
import { taskEventHandlers } from './task-events.consumer.ts'

export const consumerGroup = 'notification-service'
export const consumedTopics = [
  'focushub.auth.events',
  'focushub.focus.events',
  'focushub.habit.events',
  'focushub.task.events',
  'focushub.social.events',
]

/** What notification-service does with other services' events: each handler gets a run's events in one unit of work. */
export const eventHandlers = () => [
  ...authEventHandlers,
  ...focusEventHandlers,
  ...habitEventHandlers,
  ...taskEventHandlers,
  ...socialEventHandlers,
]

/** Runs consumer group `notification-service` for the life of the app. */
export function runConsumers(app: App, setup: { db: Kysely<Database>; bus: EventBus; config: EventsConfig }) {
  return runEventConsumer(app, {
    bus: setup.bus,
    groupId: consumerGroup,
    topics: consumedTopics,
    handlers: eventHandlers(),
    config: setup.config,
    db: setup.db,
  })
}
