import { type Insertable, type Kysely, sql } from 'kysely'
import type { NotificationsTable } from '../../db/tables/notifications.ts'
import type { Database } from '../../db/tables.ts'
import type { NotificationLinks } from './notifications.schemas.ts'
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

/** The user's unread count: one row of `unread_counts`, however many notifications they have. */
export async function countUnread(db: Kysely<Database>, userId: string) {
  const row = await db.selectFrom('unread_counts').select('unread').where('user_id', '=', userId).executeTakeFirst()
  return row?.unread ?? 0
}

/**
 * Adds the notifications just created to their users' unread counts; answers each user's count after.
 * In the transaction that created them, after them: every change locks its notifications first and the
 * count last (users in id order), so concurrent changes never wait on each other in a circle, and each
 * adds or takes away exactly the rows it changed.
 */
export async function addUnread(trx: Kysely<Database>, created: { user_id: string }[]) {
  const added = new Map<string, number>()
  for (const row of created) added.set(row.user_id, (added.get(row.user_id) ?? 0) + 1)
  if (added.size === 0) return new Map<string, number>()
  const rows = await trx
    .insertInto('unread_counts')
    .values([...added].sort(([a], [b]) => (a < b ? -1 : 1)).map(([user_id, unread]) => ({ user_id, unread })))
    .onConflict((c) => c.column('user_id').doUpdateSet({ unread: sql<number>`unread_counts.unread + excluded.unread` }))
    .returning(['user_id', 'unread'])
    .execute()
  return new Map(rows.map((row) => [row.user_id, row.unread]))
}

/**
 * Locks some users' unread counts (creating those missing at 0), in id order, until the transaction ends:
 * for a change that moves several users' counts in more than one statement, taken once before any of
 * them, so it still takes the counts after its notifications and in the order every change does.
 */
export async function lockUnreadCounts(trx: Kysely<Database>, userIds: string[]) {
  const users = [...new Set(userIds)].sort()
  if (users.length === 0) return
  await trx
    .insertInto('unread_counts')
    .values(users.map((user_id) => ({ user_id, unread: 0 })))
    .onConflict((c) => c.column('user_id').doUpdateSet({ unread: sql<number>`unread_counts.unread` }))
    .execute()
}

/** Takes `count` notifications the user no longer has unread off their count; answers it after. */
export async function subtractUnread(trx: Kysely<Database>, userId: string, count: number) {
  const row = await trx
    .updateTable('unread_counts')
    .set({ unread: sql<number>`greatest(unread - ${count}, 0)` })
    .where('user_id', '=', userId)
    .returning('unread')
    .executeTakeFirst()
  return row?.unread ?? 0
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

/** Marks every unread notification of the user read (one statement, O(unread)); answers how many. */
export async function markAllRead(trx: Kysely<Database>, userId: string, at: Date) {
  const result = await trx
    .updateTable('notifications')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('unread', '=', true)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/** Deletes the user's notification; answers whether it was unread, or undefined when there was none. */
export function deleteNotification(trx: Kysely<Database>, userId: string, id: string) {
  return trx
    .deleteFrom('notifications')
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .returning(['id', 'unread'])
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

/** auth.user.deleted: every notification of the user goes, and their count. */
export async function eraseUserNotifications(trx: Kysely<Database>, userId: string) {
  await trx.deleteFrom('notifications').where('user_id', '=', userId).execute()
  await trx.deleteFrom('unread_counts').where('user_id', '=', userId).execute()
  await trx.deleteFrom('conversation_reads').where('user_id', '=', userId).execute()
}

/**
 * Takes, for each (user, conversation) key, the lock under which its direct-message notification is
 * found and then updated or created, until the transaction ends. Keys are taken in the order given
 * (sorted), so two runs never wait on each other in a circle; taken before any unread count is.
 */
export async function lockConversationKeys(trx: Kysely<Database>, keys: string[]) {
  if (keys.length === 0) return
  await sql`select pg_advisory_xact_lock(hashtextextended(key, 0)) from unnest(${keys}::text[]) as key`.execute(trx)
}

/** The unread direct-message notifications of some (user, conversation) pairs, locked (at most one each, by index). */
export function unreadConversationNotifications(
  trx: Kysely<Database>,
  pairs: { userId: string; conversationId: string }[],
) {
  if (pairs.length === 0) return Promise.resolve([])
  const users = pairs.map((pair) => pair.userId)
  const conversations = pairs.map((pair) => pair.conversationId)
  return trx
    .selectFrom('notifications')
    .selectAll()
    .where('kind', '=', 'direct_message')
    .where('unread', '=', true)
    .where(
      sql<boolean>`(user_id, data->>'conversationId') in (select * from unnest(${users}::uuid[], ${conversations}::text[]))`,
    )
    .forUpdate()
    .execute()
}

/** Rewrites an unread notification's text and data (its id, trigger and place in the inbox stay). */
export function rewriteNotification(
  trx: Kysely<Database>,
  id: string,
  text: { title: string; body: string; data: NotificationLinks },
) {
  return trx
    .updateTable('notifications')
    .set({ title: text.title, body: text.body, data: JSON.stringify(text.data) })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** Moves members' read positions forward to the receipts' (never back: a late older receipt changes nothing). */
export async function saveReadPositions(
  trx: Kysely<Database>,
  reads: { userId: string; conversationId: string; lastReadMessageId: string }[],
) {
  if (reads.length === 0) return
  await trx
    .insertInto('conversation_reads')
    .values(
      reads.map((read) => ({
        user_id: read.userId,
        conversation_id: read.conversationId,
        last_read_message_id: read.lastReadMessageId,
      })),
    )
    .onConflict((c) =>
      c.columns(['user_id', 'conversation_id']).doUpdateSet({
        last_read_message_id: sql<string>`greatest(conversation_reads.last_read_message_id, excluded.last_read_message_id)`,
      }),
    )
    .execute()
}

/** The read positions of some (user, conversation) pairs, by `user:conversation` (lower-case ids). */
export async function readPositionsOf(trx: Kysely<Database>, pairs: { userId: string; conversationId: string }[]) {
  if (pairs.length === 0) return new Map<string, string>()
  const rows = await trx
    .selectFrom('conversation_reads')
    .select(['user_id', 'conversation_id', 'last_read_message_id'])
    .where(
      sql<boolean>`(user_id, conversation_id) in (select * from unnest(${pairs.map((pair) => pair.userId)}::uuid[], ${pairs.map((pair) => pair.conversationId)}::uuid[]))`,
    )
    .execute()
  return new Map(rows.map((row) => [`${row.user_id}:${row.conversation_id}`, row.last_read_message_id]))
}
