import { applyOnce, type EventHandlers, saveUserProfile, withAccessRefusals } from '@focushub/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.ts'
import { ensureInbox } from '../modules/projects/inbox.ts'
import { eraseUser } from './user-erasure.ts'

/** auth events → the users' local-day profiles, Inboxes, erasure and refused tokens; each applied once. */
export function authEventHandlers(db: Kysely<Database>): EventHandlers {
  return withAccessRefusals(db, {
    'auth.user.registered': applyOnce(db, 'task-service.user-registered', async (trx, event) => {
      await saveUserProfile(trx, event)
      await ensureInbox(trx, event.userId)
    }),
    'auth.user.profile_updated': applyOnce(db, 'task-service.profile-updated', (trx, event) =>
      saveUserProfile(trx, event),
    ),
    'auth.user.deleted': applyOnce(db, 'task-service.user-deleted', (trx, event) => eraseUser(trx, event.userId)),
  })
}
