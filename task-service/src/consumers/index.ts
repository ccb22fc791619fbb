import { type App, type EventBus, type EventsConfig, runEventConsumer } from '@focushub/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { authEventHandlers } from './auth-events.consumer.ts'
import { focusEventHandlers } from './focus-events.consumer.ts'

export const consumerGroup = 'task-service'

/** Runs consumer group task-service on the auth and focus topics for the life of the app. */
export function runTaskConsumers(app: App, setup: { db: Kysely<Database>; bus: EventBus; config: EventsConfig }) {
  return runEventConsumer(app, {
    bus: setup.bus,
    groupId: consumerGroup,
    topics: ['focushub.auth.events', 'focushub.focus.events'],
    handlers: { ...authEventHandlers(setup.db), ...focusEventHandlers(setup.db) },
    config: setup.config,
    db: setup.db,
  })
}
