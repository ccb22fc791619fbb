import type { RequestContext } from '@focushub/shared/context'
import { errors } from '@focushub/shared/errors'
import type { EventData, UnitOfWork } from '@focushub/shared/events'
import { type Kysely, sql } from 'kysely'
import type { RoomParticipantRow, RoomRow } from '../../db/tables/rooms.ts'
import type { Database } from '../../db/tables.ts'
import { focusError } from '../../errors.ts'
import { recordFocusEvent } from '../../events/focus-events.ts'

/**
 * An open room, locked until the transaction ends: every change to a room and its people goes through it.
 * FOR NO KEY UPDATE, not FOR UPDATE: it serializes the room's writers all the same, but leaves alone the
 * key-share lock a row referencing the room takes (a chat message), so chat never waits for the timer.
 */
export const lockOpenRoom = (db: Kysely<Database>, roomId: string) =>
  db
    .selectFrom('rooms')
    .selectAll()
    .where('id', '=', roomId)
    .where('status', '=', 'open')
    .forNoKeyUpdate()
    .executeTakeFirst()

export const findOpenRoom = (db: Kysely<Database>, roomId: string) =>
  db.selectFrom('rooms').selectAll().where('id', '=', roomId).where('status', '=', 'open').executeTakeFirst()

export const findParticipant = (db: Kysely<Database>, roomId: string, userId: string) =>
  db
    .selectFrom('room_participants')
    .selectAll()
    .where('room_id', '=', roomId)
    .where('user_id', '=', userId)
    .executeTakeFirst()

/** The room's participants, longest present first. */
export const participantsOf = (db: Kysely<Database>, roomId: string) =>
  db.selectFrom('room_participants').selectAll().where('room_id', '=', roomId).orderBy('joined_at').execute()

const noSuchRoom = () => errors.notFound('No such room')

/**
 * The open room and the caller's place in it, the room locked (`lock`) or read. Who may not see the room
 * (a private one they are not in, or any that is closed or unknown) gets 404; a public room they have not
 * joined answers 409 `not-in-room`.
 */
export async function participantRoom(
  db: Kysely<Database>,
  roomId: string,
  userId: string,
  options: { lock?: boolean } = {},
): Promise<{ room: RoomRow; participant: RoomParticipantRow }> {
  const room = await (options.lock ? lockOpenRoom(db, roomId) : findOpenRoom(db, roomId))
  if (!room) throw noSuchRoom()
  const participant = await findParticipant(db, roomId, userId)
  if (participant) return { room, participant }
  if (room.visibility === 'private') throw noSuchRoom()
  throw focusError('not-in-room', 'Join the room first')
}

/** 403 unless the user hosts the room. */
export function requireHost(room: RoomRow, userId: string) {
  if (room.host_id !== userId) throw focusError('host-only', "Only the room's host may do this")
}

/** Counts a change to the room: answers the room's new version, what its events carry as `roomVersion`. */
export async function bumpRoomVersion(db: Kysely<Database>, roomId: string): Promise<number> {
  const row = await db
    .updateTable('rooms')
    .set({ version: sql<number>`version + 1` })
    .where('id', '=', roomId)
    .returning('version')
    .executeTakeFirstOrThrow()
  return row.version
}

type RoomEventType = Extract<Parameters<typeof recordFocusEvent>[1], `focus.room.${string}`>
type RoomEventData<T extends RoomEventType> = Omit<EventData<T>, 'roomId' | 'audience' | 'roomVersion'>

/**
 * Records a room event: its room, the room's version and its audience, the participants now in the room
 * (read in the caller's transaction, after the change) plus `alsoTo` (e.g. the one who just left).
 */
export async function recordRoomEvent<T extends RoomEventType>(
  work: UnitOfWork<Database>,
  type: T,
  room: Pick<RoomRow, 'id' | 'version'>,
  data: RoomEventData<T>,
  context: Pick<RequestContext, 'userId' | 'requestId'>,
  options: { alsoTo?: string[] } = {},
) {
  const people = await work.trx
    .selectFrom('room_participants')
    .select('user_id')
    .where('room_id', '=', room.id)
    .execute()
  const audience = [...new Set([...people.map((person) => person.user_id), ...(options.alsoTo ?? [])])]
  recordFocusEvent(
    work,
    type,
    { ...data, roomId: room.id, audience, roomVersion: room.version } as unknown as EventData<T>,
    context,
  )
}

/**
 * A participant's shown presence flipped (away or back): counts the change to the room and tells it with
 * `focus.room.presence_changed`.
 */
export async function announcePresence(
  work: UnitOfWork<Database>,
  roomId: string,
  participantId: string,
  away: boolean,
  context: Pick<RequestContext, 'userId' | 'requestId'>,
) {
  const version = await bumpRoomVersion(work.trx, roomId)
  await recordRoomEvent(work, 'focus.room.presence_changed', { id: roomId, version }, { participantId, away }, context)
}
