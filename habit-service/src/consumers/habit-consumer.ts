import {
  type App,
  applyOnce,
  type EventBus,
  type EventHandlers,
  type EventsConfig,
  runEventConsumer,
  saveUserProfile,
} from '@focushub/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { onDailyGoalAchieved, onSessionCompleted } from './focus.consumer.ts'
import { onTaskCompleted } from './tasks.consumer.ts'
import { eraseUser } from './users.consumer.ts'

export const consumerName = 'habit-service'
export const consumedTopics = ['focushub.auth.events', 'focushub.focus.events', 'focushub.task.events']

/**
 * What habit-service does with other services' events. Each Postgres effect runs through
 * applyOnce: the event id is recorded in the effect's transaction, so a redelivery is a no-op.
 */
export function habitEventHandlers(db: Kysely<Database>, now: () => Date = () => new Date()): EventHandlers {
  return {
    'auth.user.registered': (event) => saveUserProfile(db, event),
    'auth.user.profile_updated': (event) => saveUserProfile(db, event),
    'auth.user.deleted': applyOnce(db, consumerName, (trx, event) => eraseUser(trx, event.userId)),
    'focus.session.completed': applyOnce(db, consumerName, (trx, event) => onSessionCompleted(trx, event, now())),
    'focus.daily_goal.achieved': applyOnce(db, consumerName, onDailyGoalAchieved),
    'task.completed': applyOnce(db, consumerName, onTaskCompleted),
  }
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
