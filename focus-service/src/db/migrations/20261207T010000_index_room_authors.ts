import { type Kysely, sql } from 'kysely'

/**
 * Two reads by author, each the cost of that author's own rows:
 * - joining counts what the user posted in the room lately (the chat budget): `room_messages_user`
 *   (user_id) left Postgres to combine it with the room's index and read every message of a prolific
 *   author (2,039 buffers, 74 ms for 100,000 messages); (user_id, room_id, created_at) reads only the
 *   last seconds' (4 buffers), and still serves erasure's `where user_id = …`;
 * - erasure empties the reports of a deleted author's messages: without an index a scan of every
 *   report (8,531 buffers, 95 ms on 500,000).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`drop index room_messages_user`.execute(db)
  await sql`create index room_messages_user_room on room_messages (user_id, room_id, created_at)`.execute(db)
  await sql`create index room_reports_message_author on room_reports (message_author_id)
    where message_author_id is not null`.execute(db)
}
