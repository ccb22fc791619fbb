import { notifyOutbox, type OutboxEntry, outboxRowsOf } from '@focushub/shared/events'
import { type Insertable, type Kysely, sql } from 'kysely'
import type { RoomMessagesTable } from '../../db/tables/rooms.ts'
import type { Database } from '../../db/tables.ts'
import type { ChatBudget } from './chat-budget.ts'

/**
 * What a message needs, read without a lock: the caller's place in the open room (muted, chat budget),
 * the room's version, who is in it now (the event's audience) and the caller's display name.
 */
export const chatParticipant = (db: Kysely<Database>, roomId: string, userId: string) =>
  db
    .selectFrom('room_participants as p')
    .innerJoin('rooms as r', 'r.id', 'p.room_id')
    .leftJoin('user_profiles as u', 'u.user_id', 'p.user_id')
    .select(['p.muted', 'p.chat_tokens', 'p.chat_refilled_at', 'r.version', 'u.display_name'])
    .select(sql<string[]>`array(select user_id from room_participants where room_id = p.room_id)`.as('audience'))
    .where('p.room_id', '=', roomId)
    .where('p.user_id', '=', userId)
    .where('r.status', '=', 'open')
    .executeTakeFirst()

/**
 * One statement, so atomic without a transaction: the participant's budget goes from what was read to
 * what was spent (a compare-and-set: only if it is unchanged, the participant still in the room and not
 * muted), and only then the message is inserted and its event written to the outbox, the relay woken.
 * Answers whether the message was posted; if not, something changed since the read.
 */
export async function postIfUnchanged(
  db: Kysely<Database>,
  post: { message: Insertable<RoomMessagesTable>; read: ChatBudget; spent: ChatBudget; event: OutboxEntry },
) {
  const { message, read, spent, event } = post
  const rows = await db
    .with('spent', (update) =>
      update
        .updateTable('room_participants')
        .set({ chat_tokens: spent.tokens, chat_refilled_at: spent.refilledAt })
        .where('room_id', '=', message.room_id)
        .where('user_id', '=', message.user_id)
        .where('muted', '=', false)
        .where('chat_tokens', '=', read.tokens)
        .where('chat_refilled_at', '=', read.refilledAt)
        .returning('room_id'),
    )
    .with('message', (insert) =>
      insert
        .insertInto('room_messages')
        .columns(['id', 'room_id', 'user_id', 'body', 'created_at'])
        .expression((eb) =>
          eb
            .selectFrom('spent')
            .select([
              eb.val(message.id).as('id'),
              'spent.room_id',
              eb.val(message.user_id).as('user_id'),
              eb.val(message.body).as('body'),
              eb.val(message.created_at).as('created_at'),
            ]),
        )
        .returning('id'),
    )
    .with('event', (insert) => {
      const [row] = outboxRowsOf([event])
      return insert
        .insertInto('outbox')
        .columns(['id', 'topic', 'key', 'type', 'envelope'])
        .expression((eb) =>
          eb
            .selectFrom('message')
            .select([
              eb.val(row.id).as('id'),
              eb.val(row.topic).as('topic'),
              eb.val(row.key).as('key'),
              eb.val(row.type).as('type'),
              sql<string>`${row.envelope}::jsonb`.as('envelope'),
            ]),
        )
        .returning('id')
    })
    .selectFrom('event')
    .select(notifyOutbox().as('notified'))
    .execute()
  return rows.length > 0
}

/** How many messages the user posted in the room after `since` (by `room_messages_user`). */
export const countMessagesSince = async (db: Kysely<Database>, roomId: string, userId: string, since: Date) =>
  Number(
    (
      await db
        .selectFrom('room_messages')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('user_id', '=', userId)
        .where('room_id', '=', roomId)
        .where('created_at', '>', since)
        .executeTakeFirstOrThrow()
    ).n,
  )

export const findMessage = (db: Kysely<Database>, roomId: string, messageId: string) =>
  db
    .selectFrom('room_messages')
    .selectAll()
    .where('id', '=', messageId)
    .where('room_id', '=', roomId)
    .executeTakeFirst()

/**
 * A room's messages newest first (UUIDv7 ids), before the cursor's id, each with its author's display
 * name: one backward range of `room_messages_room (room_id, id)`, the name joined by primary key.
 */
export function messagesOf(db: Kysely<Database>, roomId: string, limit: number, before?: string) {
  let query = db
    .selectFrom('room_messages')
    .leftJoin('user_profiles', 'user_profiles.user_id', 'room_messages.user_id')
    .selectAll('room_messages')
    .select('user_profiles.display_name')
    .where('room_messages.room_id', '=', roomId)
    .orderBy('room_messages.id', 'desc')
    .limit(limit + 1)
  if (before) query = query.where('room_messages.id', '<', before)
  return query.execute()
}
