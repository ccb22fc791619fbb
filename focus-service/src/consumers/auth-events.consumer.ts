import {
  type App,
  applyOnce,
  deleteUserProfile,
  type EventBus,
  type EventHandlers,
  runEventConsumer,
  saveUserProfile,
  withAccessRefusals,
} from '@focushub/shared'
import type { Kysely } from 'kysely'
import type { Config } from '../config.ts'
import type { Database } from '../db/tables.ts'

const consumer = 'focus-service'

/** Everything focus-service keeps about a user, erased when their account is deleted. */
export async function eraseUserData(trx: Kysely<Database>, userId: string) {
  await trx.deleteFrom('session_shares').where('recipient_id', '=', userId).execute()
  await trx.deleteFrom('share_audit').where('actor_id', '=', userId).execute()
  // Pauses, shares and public links go with the sessions (on delete cascade).
  await trx.deleteFrom('focus_sessions').where('user_id', '=', userId).execute()
  await trx.deleteFrom('daily_totals').where('user_id', '=', userId).execute()
  await trx.deleteFrom('goal_awards').where('user_id', '=', userId).execute()
  await trx.deleteFrom('user_settings').where('user_id', '=', userId).execute()
  await deleteUserProfile(trx, userId)
}

/** auth events → the users' day boundaries, erasure and refused tokens; each applied once (processed_events). */
export function authEventHandlers(db: Kysely<Database>): EventHandlers {
  return withAccessRefusals(db, {
    'auth.user.registered': applyOnce(db, consumer, (trx, event) => saveUserProfile(trx, event)),
    'auth.user.profile_updated': applyOnce(db, consumer, (trx, event) => saveUserProfile(trx, event)),
    'auth.user.deleted': applyOnce(db, consumer, (trx, event) => eraseUserData(trx, event.userId)),
  })
}

/** Runs consumer group `focus-service` on focushub.auth.events for the life of the app. */
export function runAuthEventsConsumer(app: App, setup: { db: Kysely<Database>; bus: EventBus; config: Config }) {
  return runEventConsumer(app, {
    bus: setup.bus,
    groupId: consumer,
    topics: ['focushub.auth.events'],
    handlers: authEventHandlers(setup.db),
    config: setup.config,
    db: setup.db,
  })
}
