import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { ProjectRow } from '../../db/tables/projects.ts'
import type { Database } from '../../db/tables.ts'

/**
 * The user's Inbox, created if missing. auth.user.registered creates it, but a first request may
 * come before that event: both may run at once, and the unique index keeps it to one.
 */
export async function ensureInbox(db: Kysely<Database>, userId: string): Promise<ProjectRow> {
  const existing = await findInbox(db, userId)
  if (existing) return existing
  const create = async (trx: Kysely<Database>) => {
    const created = await trx
      .insertInto('projects')
      .values({ id: uuidv7(), owner_id: userId, name: 'Inbox', color: null, is_inbox: true })
      .onConflict((c) => c.column('owner_id').where('is_inbox', '=', true).doNothing())
      .returningAll()
      .executeTakeFirst()
    if (created) {
      await trx
        .insertInto('project_members')
        .values({ project_id: created.id, user_id: userId, role: 'owner' })
        .execute()
    }
  }
  await (db.isTransaction ? create(db) : db.transaction().execute(create))
  const inbox = await findInbox(db, userId)
  if (!inbox) throw new Error(`The Inbox of ${userId} was not created`)
  return inbox
}

const findInbox = (db: Kysely<Database>, userId: string) =>
  db.selectFrom('projects').selectAll().where('owner_id', '=', userId).where('is_inbox', '=', true).executeTakeFirst()
