import {
  type App,
  applyOnce,
  applyOnceInBatches,
  type EventBus,
  type EventHandlers,
  type EventsConfig,
  runEventConsumer,
  saveUserProfile,
  withAccessRefusals,
} from '@focushub/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { type FocusEvent, onFocusEvents } from './focus.consumer.ts'
import { onTasksCompleted } from './tasks.consumer.ts'
import { eraseUser } from './users.consumer.ts'

export const consumerName = 'habit-service'
export const consumedTopics = ['focushub.auth.events', 'focushub.focus.events', 'focushub.task.events']

/**
 * What habit-service does with other services' events. Each Postgres effect runs once per event:
 * its id is recorded in the effect's transaction, so a redelivery is a no-op. Focus and task
 * events are applied in batches: a run's events are applied together, user by user, just before
 * the run commits (one event at a time outside a run).
 */
export function habitEventHandlers(db: Kysely<Database>, now: () => Date = () => new Date()): EventHandlers {
  const focusEvents = applyOnceInBatches(db, consumerName, (trx, events: FocusEvent[]) =>
    onFocusEvents(trx, events, now()),
  )
  return withAccessRefusals(db, {
    'auth.user.registered': (event) => saveUserProfile(db, event),
    'auth.user.profile_updated': (event) => saveUserProfile(db, event),
    'auth.user.deleted': applyOnce(db, consumerName, (trx, event) => eraseUser(trx, event.userId)),
    'focus.session.completed': focusEvents,
    'focus.session.edited': focusEvents,
    'focus.session.deleted': focusEvents,
    'focus.daily_goal.achieved': focusEvents,
    'focus.daily_goal.revoked': focusEvents,
    'task.completed': applyOnceInBatches(db, consumerName, onTasksCompleted),
  })
}

/** Runs consumer group `habit-service` for the life of the app. */
export function runHabitConsumer(app: App, setup: { db: Kysely<Database>; bus: EventBus; config: EventsConfig }) {
  return runEventConsumer(app, {
    bus: setup.bus,
    groupId: consumerName,
    topics: consumedTopics,
    handlers: habitEventHandlers(setup.db),
    config: setup.config,
    db: setup.db,
  })
}
