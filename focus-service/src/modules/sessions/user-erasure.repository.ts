import type { Kysely } from 'kysely'
import type { Database } from '../../db/tables.ts'

/** Everything focus-service keeps about a user, erased when their account is deleted. */
export async function eraseUserData(trx: Kysely<Database>, userId: string) {
  await trx.deleteFrom('session_shares').where('recipient_id', '=', userId).execute()
  await trx.deleteFrom('share_audit').where('actor_id', '=', userId).execute()
  // Pauses, shares and public links go with the sessions (on delete cascade).
  await trx.deleteFrom('focus_sessions').where('user_id', '=', userId).execute()
  await trx.deleteFrom('daily_totals').where('user_id', '=', userId).execute()
  await trx.deleteFrom('goal_awards').where('user_id', '=', userId).execute()
  await trx.deleteFrom('user_settings').where('user_id', '=', userId).execute()
}
