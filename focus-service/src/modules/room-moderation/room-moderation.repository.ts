import { type Kysely, sql } from 'kysely'
import type { RoomBansTable } from '../../db/tables/rooms.ts'
import type { Database } from '../../db/tables.ts'

export const setMuted = (db: Kysely<Database>, roomId: string, userId: string, muted: boolean) =>
  db
    .updateTable('room_participants')
    .set({ muted })
    .where('room_id', '=', roomId)
    .where('user_id', '=', userId)
    .execute()

/** Bans the user unless they are already: answers the new ban, or undefined. */
export const insertBan = (db: Kysely<Database>, ban: RoomBansTable) =>
  db
    .insertInto('room_bans')
    .values(ban)
    .onConflict((c) => c.columns(['room_id', 'user_id']).doNothing())
    .returningAll()
    .executeTakeFirst()

export const findBan = (db: Kysely<Database>, roomId: string, userId: string) =>
  db
    .selectFrom('room_bans')
    .selectAll()
    .where('room_id', '=', roomId)
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow()

export async function deleteBan(db: Kysely<Database>, roomId: string, userId: string) {
  const deleted = await db
    .deleteFrom('room_bans')
    .where('room_id', '=', roomId)
    .where('user_id', '=', userId)
    .executeTakeFirst()
  return deleted.numDeletedRows > 0n
}

export const deleteInvitation = (db: Kysely<Database>, roomId: string, userId: string) =>
  db.deleteFrom('room_invitations').where('room_id', '=', roomId).where('user_id', '=', userId).execute()

/**
 * A room's bans newest first, after the cursor's (created_at, user_id), each with the banned user's
 * display name: one backward range of `room_bans_room_created`, the name joined by primary key.
 */
export function bansOf(
  db: Kysely<Database>,
  roomId: string,
  limit: number,
  after?: { createdAt: Date; userId: string },
) {
  let query = db
    .selectFrom('room_bans')
    .leftJoin('user_profiles', 'user_profiles.user_id', 'room_bans.user_id')
    .selectAll('room_bans')
    .select('user_profiles.display_name')
    .where('room_bans.room_id', '=', roomId)
    .orderBy('room_bans.created_at', 'desc')
    .orderBy('room_bans.user_id', 'desc')
    .limit(limit + 1)
  if (after) {
    query = query.where(
      sql<boolean>`(room_bans.created_at, room_bans.user_id) < (${after.createdAt}, ${after.userId}::uuid)`,
    )
  }
  return query.execute()
}
