import { type EventBus, type EventsConfig, runEventConsumer } from '@focushub/shared/events'
import type { App } from '@focushub/shared/http'
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { authEventHandlers } from './auth-events.consumer.ts'
import { habitEventHandlers } from './habit-events.consumer.ts'

export const consumerGroup = 'social-service'
export const consumedTopics = ['focushub.auth.events', 'focushub.habit.events']

/** What social-service does with other services' events: each handler gets a run's events in one unit of work. */
export const eventHandlers = () => [...authEventHandlers, ...habitEventHandlers]

/** Runs consumer group `social-service` for the life of the app. */
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
