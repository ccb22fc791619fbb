import { type Insertable, type Kysely, sql, type Updateable } from 'kysely'
import type { AccountExportsTable } from '../../db/tables/account-exports.ts'
import type { Database } from '../../db/tables.ts'

/** A page of the user's exports, newest first: one range of (user_id, id desc). */
export function exportsOf(db: Kysely<Database>, userId: string, after: string | undefined, rows: number) {
  let query = db.selectFrom('account_exports').selectAll().where('user_id', '=', userId)
  if (after) query = query.where('id', '<', after)
  return query.orderBy('id', 'desc').limit(rows).execute()
}

/** The user's export (another's is undefined). */
export const findExport = (db: Kysely<Database>, userId: string, id: string) =>
  db.selectFrom('account_exports').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst()

/** An export by id alone: the job's first read. */
export const findExportById = (db: Kysely<Database>, id: string) =>
  db.selectFrom('account_exports').selectAll().where('id', '=', id).executeTakeFirst()

/** An export that could not be built, still pending: failed, kept (its row) until `expiresAt`. */
export const failExport = (db: Kysely<Database>, id: string, expiresAt: Date) =>
  db
    .updateTable('account_exports')
    .set({
      state: 'failed',
      error: 'It could not be built: try again later',
      finished_at: new Date(),
      expires_at: expiresAt,
    })
    .where('id', '=', id)
    .where('state', '=', 'pending')
    .execute()

/** An export by id alone, locked until the transaction ends: the job's read before it says ready. */
export const lockExport = (db: Kysely<Database>, id: string) =>
  db.selectFrom('account_exports').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()

/** The user's exports requested since an id (UUIDv7: since an instant), and whether one is being built. */
export const recentExports = (db: Kysely<Database>, userId: string, sinceId: string) =>
  db
    .selectFrom('account_exports')
    .select([(eb) => eb.fn.countAll<string>().as('count'), sql<boolean>`bool_or(state = 'pending')`.as('pending')])
    .where('user_id', '=', userId)
    .where('id', '>=', sinceId)
    .executeTakeFirstOrThrow()

export const insertExport = (db: Kysely<Database>, row: Insertable<AccountExportsTable>) =>
  db.insertInto('account_exports').values(row).returningAll().executeTakeFirstOrThrow()

export const updateExport = (db: Kysely<Database>, id: string, changes: Updateable<AccountExportsTable>) =>
  db.updateTable('account_exports').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow()

/** Deletes the user's export, answering its object's key (null when it had none, undefined when there was no such export). */
export const deleteExport = async (db: Kysely<Database>, userId: string, id: string) =>
  (
    await db
      .deleteFrom('account_exports')
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .returning('object_key')
      .executeTakeFirst()
  )?.object_key

/** Up to `limit` exports expired by `now`, oldest first: one range of the expiry index. */
export const expiredExports = (db: Kysely<Database>, now: Date, limit: number) =>
  db
    .selectFrom('account_exports')
    .select(['id', 'object_key'])
    .where('expires_at', '<=', now)
    .orderBy('expires_at')
    .limit(limit)
    .execute()

export const deleteExports = (db: Kysely<Database>, ids: string[]) =>
  ids.length === 0 ? Promise.resolve() : db.deleteFrom('account_exports').where('id', 'in', ids).execute()

/**
 * A user's account is erased: every export of theirs expires now (the pruning job deletes them and their
 * files), and one being built is failed, so that its job stores nothing.
 */
export const expireExportsOf = (db: Kysely<Database>, userId: string) =>
  db
    .updateTable('account_exports')
    .set({
      expires_at: sql`now()`,
      state: sql`case when state = 'pending' then 'failed' else state end`,
      error: sql`case when state = 'pending' then 'The account was deleted' else error end`,
    })
    .where('user_id', '=', userId)
    .execute()
