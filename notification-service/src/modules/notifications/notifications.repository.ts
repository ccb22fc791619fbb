import { type Insertable, type Kysely, sql } from 'kysely'
import type { NotificationsTable } from '../../db/tables/notifications.ts'
import type { Database } from '../../db/tables.ts'
import type { NotificationPosition } from './notifications-cursor.ts'

export interface NotificationRange {
  order: 'newest' | 'unread'
  /** Only unread (true) or only read (false) ones; all when undefined. */
  unread?: boolean
  after?: NotificationPosition
  /** Rows to read: the page size plus one, to tell whether another page follows. */
  rows: number
}

/**
 * A page of the user's notifications: one backward range of an index, bounded by the cursor as an
 * index condition, so a page costs its own rows however many the user has. Newest first walks
 * (user_id, id); unread first, and either filter, walk (user_id, unread, id).
 */
export function notificationsOf(db: Kysely<Database>, userId: string, range: NotificationRange) {
  let query = db.selectFrom('notifications').selectAll().where('user_id', '=', userId)
  if (range.unread !== undefined) query = query.where('unread', '=', range.unread)
  const { after } = range
  if (range.order === 'unread' && range.unread === undefined) {
    if (after) query = query.where(sql<boolean>`(unread, id) < (${after.unread}, ${after.id}::uuid)`)
    query = query.orderBy('unread', 'desc')
  } else if (after) {
    query = query.where('id', '<', after.id)
  }
  return query.orderBy('id', 'desc').limit(range.rows).execute()
}

export function findNotification(db: Kysely<Database>, userId: string, id: string) {
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst()
}

export async function countUnread(db: Kysely<Database>, userId: string) {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<string>().as('unread'))
    .where('user_id', '=', userId)
    .where('unread', '=', true)
    .executeTakeFirstOrThrow()
  return Number(row.unread)
}

/** The unread count of each of some users (those with none are absent). */
export async function unreadCounts(db: Kysely<Database>, userIds: string[]) {
  if (userIds.length === 0) return new Map<string, number>()
  const rows = await db
    .selectFrom('notifications')
    .select(['user_id', (eb) => eb.fn.countAll<string>().as('unread')])
    .where('user_id', 'in', userIds)
    .where('unread', '=', true)
    .groupBy('user_id')
    .execute()
  return new Map(rows.map((row) => [row.user_id, Number(row.unread)]))
}

/** Marks the user's notification read if it is unread; undefined when it is not (read, absent or another's). */
export function markRead(trx: Kysely<Database>, userId: string, id: string, at: Date) {
  return trx
    .updateTable('notifications')
    .set({ read_at: at })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('unread', '=', true)
    .returningAll()
    .executeTakeFirst()
}

/** Marks every unread notification of the user read; answers how many. */
export async function markAllRead(trx: Kysely<Database>, userId: string, at: Date) {
  const result = await trx
    .updateTable('notifications')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('unread', '=', true)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

export function deleteNotification(trx: Kysely<Database>, userId: string, id: string) {
  return trx
    .deleteFrom('notifications')
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .returning('id')
    .executeTakeFirst()
}

/** Inserts notifications; one whose (user, trigger) exists already is skipped. Answers those inserted. */
export async function insertNotifications(trx: Kysely<Database>, rows: Insertable<NotificationsTable>[]) {
  if (rows.length === 0) return []
  return trx
    .insertInto('notifications')
    .values(rows)
    .onConflict((c) => c.columns(['user_id', 'trigger_key']).doNothing())
    .returningAll()
    .execute()
}

/** Those of some users whose account is suspended, deactivated or deleted (as the auth events said). */
export async function refusedAccounts(db: Kysely<Database>, userIds: string[]) {
  if (userIds.length === 0) return new Set<string>()
  const rows = await db
    .selectFrom('access_refusals')
    .select('subject')
    .where(
      'subject',
      'in',
      userIds.map((id) => `user:${id}`),
    )
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', sql<Date>`now()`)]))
    .execute()
  return new Set(rows.map((row) => row.subject.slice('user:'.length)))
}

/** auth.user.deleted: every notification of the user goes. */
export async function eraseUserNotifications(trx: Kysely<Database>, userId: string) {
  await trx.deleteFrom('notifications').where('user_id', '=', userId).execute()
}
