import type { Kysely } from 'kysely'
import type { Database } from '../../db/tables.ts'

/** auth.user.deleted: everything habit-service holds about the user goes (check-ins with their habits). */
export async function eraseUserData(trx: Kysely<Database>, userId: string) {
  await trx.deleteFrom('habits').where('user_id', '=', userId).execute()
  await trx.deleteFrom('achievement_progress').where('user_id', '=', userId).execute()
  await trx.deleteFrom('achievement_unlocks').where('user_id', '=', userId).execute()
  await trx.deleteFrom('achievement_facts').where('user_id', '=', userId).execute()
  await trx.deleteFrom('user_rewards').where('user_id', '=', userId).execute()
  await trx.deleteFrom('import_records').where('user_id', '=', userId).execute()
}
