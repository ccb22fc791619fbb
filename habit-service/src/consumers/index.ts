import { type EventBus, type EventHandler, type EventsConfig, runEventConsumer } from '@focushub/shared/events'
import type { App } from '@focushub/shared/http'
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { type HabitWork, habitWork } from '../events/habit-work.ts'
import { authEventHandlers } from './auth-events.consumer.ts'
import { focusEventHandlers } from './focus-events.consumer.ts'
import { taskEventHandlers } from './task-events.consumer.ts'

export const consumerGroup = 'habit-service'
export const consumedTopics = ['focushub.auth.events', 'focushub.focus.events', 'focushub.task.events']

/**
 * What habit-service does with other services' events: each handler gets a run's events in one
 * HabitWork (its achievement progress merged per user and applied when the run is flushed).
 */
export const eventHandlers = (now: () => Date = () => new Date()): EventHandler<HabitWork>[] => [
  ...authEventHandlers,
  ...focusEventHandlers(now),
  ...taskEventHandlers,
]

/** Runs consumer group `habit-service` for the life of the app. */
export function runConsumers(app: App, setup: { db: Kysely<Database>; bus: EventBus; config: EventsConfig }) {
  return runEventConsumer(app, {
    bus: setup.bus,
    groupId: consumerGroup,
    topics: consumedTopics,
    handlers: eventHandlers(),
    config: setup.config,
    db: setup.db,
    kind: habitWork,
  })
}
