import type { Kysely } from 'kysely'
import type { ProjectRow } from '../../db/tables/projects.ts'
import type { Database } from '../../db/tables.ts'
import { findInbox, insertInbox } from './projects.repository.ts'

/**
 * The user's Inbox, created if missing. auth.user.registered creates it, but a first request may
 * come before that event: both may run at once, and the unique index keeps it to one.
 */
export async function ensureInbox(db: Kysely<Database>, userId: string): Promise<ProjectRow> {
  const existing = await findInbox(db, userId)
  if (existing) return existing
  const create = (trx: Kysely<Database>) => insertInbox(trx, userId)
  await (db.isTransaction ? create(db) : db.transaction().execute(create))
  const inbox = await findInbox(db, userId)
  if (!inbox) throw new Error(`The Inbox of ${userId} was not created`)
  return inbox
}
