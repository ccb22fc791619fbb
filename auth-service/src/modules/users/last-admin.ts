import type { Kysely } from 'kysely'
import type { Database } from '../../db/tables.ts'
import { lockActiveAdmins } from './users.repository.ts'

/** True when `userId` is the only active admin. Locks the admins' rows: call it inside the changing transaction. */
export async function lastActiveAdmin(trx: Kysely<Database>, userId: string): Promise<boolean> {
  const admins = await lockActiveAdmins(trx)
  return admins.length === 1 && admins[0] === userId
}
