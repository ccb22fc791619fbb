import { type Insertable, type Kysely, sql } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { RoomRow, RoomsTable } from '../../db/tables/rooms.ts'
import type { Database } from '../../db/tables.ts'

export const insertRoom = (db: Kysely<Database>, room: Omit<Insertable<RoomsTable>, 'id'>) =>
  db
    .insertInto('rooms')
    .values({ id: uuidv7(), ...room })
    .returningAll()
    .executeTakeFirstOrThrow()

export const updateRoom = (db: Kysely<Database>, roomId: string, changes: Partial<Insertable<RoomsTable>>) =>
  db
    .updateTable('rooms')
    .set({ ...changes, version: sql<number>`version + 1` })
    .where('id', '=', roomId)
    .returningAll()
    .executeTakeFirstOrThrow()

/** The room a user is in now, if any (a user is in at most one). */
export const roomOfUser = (db: Kysely<Database>, userId: string) =>
  db
    .selectFrom('room_participants')
    .innerJoin('rooms', 'rooms.id', 'room_participants.room_id')
    .selectAll('rooms')
    .where('room_participants.user_id', '=', userId)
    .executeTakeFirst()

/** The room's participants, longest present first, each with their display name (null while unknown). */
export const participantsWithNames = (db: Kysely<Database>, roomId: string) =>
  db
    .selectFrom('room_participants')
    .leftJoin('user_profiles', 'user_profiles.user_id', 'room_participants.user_id')
    .selectAll('room_participants')
    .select('user_profiles.display_name')
    .where('room_participants.room_id', '=', roomId)
    .orderBy('room_participants.joined_at')
    .orderBy('room_participants.user_id')
    .execute()

export const displayNameOf = async (db: Kysely<Database>, userId: string) =>
  (await db.selectFrom('user_profiles').select('display_name').where('user_id', '=', userId).executeTakeFirst())
    ?.display_name ?? null

export const isBanned = async (db: Kysely<Database>, roomId: string, userId: string) =>
  (await db
    .selectFrom('room_bans')
    .select('user_id')
    .where('room_id', '=', roomId)
    .where('user_id', '=', userId)
    .executeTakeFirst()) !== undefined

/** Uses up the user's invitation to the room; false when there was none. */
export async function takeInvitation(db: Kysely<Database>, roomId: string, userId: string) {
  const taken = await db
    .deleteFrom('room_invitations')
    .where('room_id', '=', roomId)
    .where('user_id', '=', userId)
    .executeTakeFirst()
  return taken.numDeletedRows > 0n
}

export const hasInvitation = async (db: Kysely<Database>, roomId: string, userId: string) =>
  (await db
    .selectFrom('room_invitations')
    .select('user_id')
    .where('room_id', '=', roomId)
    .where('user_id', '=', userId)
    .executeTakeFirst()) !== undefined

/** `%` and `_` (and the escape itself) match themselves in a LIKE pattern. */
const likeEscaped = (text: string) => text.replace(/[\\%_]/g, (character) => `\\${character}`)

type RoomWithHost = RoomRow & { host_name: string | null }

/**
 * The directory: open public rooms, fullest first, then newest, after the cursor's (count, id). The
 * ORDER BY matches `rooms_directory` read backwards, and the row comparison is its index condition, so a
 * page costs its own rows however deep it is; a name part (`lower(name) like`) is served by the trigram
 * index, a tag (`tags @> array[tag]`) by the GIN index.
 */
export function directoryPage(
  db: Kysely<Database>,
  filter: { q?: string; tag?: string },
  limit: number,
  after?: { count: number; id: string },
): Promise<RoomWithHost[]> {
  let query = db
    .selectFrom('rooms')
    .leftJoin('user_profiles', 'user_profiles.user_id', 'rooms.host_id')
    .selectAll('rooms')
    .select('user_profiles.display_name as host_name')
    .where('rooms.status', '=', 'open')
    .where('rooms.visibility', '=', 'public')
    .orderBy('rooms.participant_count', 'desc')
    .orderBy('rooms.id', 'desc')
    .limit(limit + 1)
  if (filter.q) query = query.where(sql<boolean>`lower(rooms.name) like ${`%${likeEscaped(filter.q.toLowerCase())}%`}`)
  if (filter.tag) query = query.where(sql<boolean>`rooms.tags @> array[${filter.tag.toLowerCase()}]::text[]`)
  if (after) query = query.where(sql<boolean>`(rooms.participant_count, rooms.id) < (${after.count}, ${after.id})`)
  return query.execute()
}

/** Open rooms the user is invited to, newest invitation first, after the cursor's (time, room). */
export function invitationsOf(
  db: Kysely<Database>,
  userId: string,
  limit: number,
  after?: { at: Date; roomId: string },
) {
  let query = db
    .selectFrom('room_invitations')
    .innerJoin('rooms', 'rooms.id', 'room_invitations.room_id')
    .leftJoin('user_profiles as host', 'host.user_id', 'rooms.host_id')
    .leftJoin('user_profiles as inviter', 'inviter.user_id', 'room_invitations.invited_by')
    .selectAll('rooms')
    .select([
      'host.display_name as host_name',
      'room_invitations.invited_by',
      'inviter.display_name as inviter_name',
      'room_invitations.created_at as invited_at',
    ])
    .where('room_invitations.user_id', '=', userId)
    .where('rooms.status', '=', 'open')
    .orderBy('room_invitations.created_at', 'desc')
    .orderBy('room_invitations.room_id', 'desc')
    .limit(limit + 1)
  if (after) {
    query = query.where(
      sql<boolean>`(room_invitations.created_at, room_invitations.room_id) < (${after.at}, ${after.roomId})`,
    )
  }
  return query.execute()
}

/** The room's invitations, oldest first, with the invitees' names. */
export const invitationsTo = (db: Kysely<Database>, roomId: string, userIds: string[]) =>
  db
    .selectFrom('room_invitations')
    .leftJoin('user_profiles', 'user_profiles.user_id', 'room_invitations.user_id')
    .selectAll('room_invitations')
    .select('user_profiles.display_name')
    .where('room_invitations.room_id', '=', roomId)
    .where('room_invitations.user_id', 'in', userIds)
    .orderBy('room_invitations.created_at')
    .orderBy('room_invitations.user_id')
    .execute()

/** Invites users; answers the ones not invited already. */
export async function addInvitations(
  db: Kysely<Database>,
  roomId: string,
  userIds: string[],
  invitedBy: string,
  now: Date,
) {
  const added = await db
    .insertInto('room_invitations')
    .values(userIds.map((user_id) => ({ room_id: roomId, user_id, invited_by: invitedBy, created_at: now })))
    .onConflict((c) => c.columns(['room_id', 'user_id']).doNothing())
    .returning('user_id')
    .execute()
  return added.map((row) => row.user_id)
}

export const insertInviteLink = (
  db: Kysely<Database>,
  link: { roomId: string; tokenHash: string; createdBy: string; expiresAt: Date; now: Date },
) =>
  db
    .insertInto('room_invite_links')
    .values({
      id: uuidv7(),
      room_id: link.roomId,
      token_hash: link.tokenHash,
      created_by: link.createdBy,
      expires_at: link.expiresAt,
      revoked_at: null,
      created_at: link.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow()

/** A page of the room's invite links, newest first (UUIDv7 ids), before the cursor's id: `room_invite_links_room`. */
export function inviteLinksOf(db: Kysely<Database>, roomId: string, limit: number, before?: string) {
  let query = db
    .selectFrom('room_invite_links')
    .selectAll()
    .where('room_id', '=', roomId)
    .orderBy('id', 'desc')
    .limit(limit + 1)
  if (before) query = query.where('id', '<', before)
  return query.execute()
}

/** Revokes the room's link unless already revoked; false when there was no such active link. */
export async function revokeInviteLink(db: Kysely<Database>, roomId: string, linkId: string, at: Date) {
  const revoked = await db
    .updateTable('room_invite_links')
    .set({ revoked_at: at })
    .where('id', '=', linkId)
    .where('room_id', '=', roomId)
    .where('revoked_at', 'is', null)
    .returning('id')
    .executeTakeFirst()
  return revoked !== undefined
}

export const findInviteLink = (db: Kysely<Database>, tokenHash: string) =>
  db.selectFrom('room_invite_links').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst()
