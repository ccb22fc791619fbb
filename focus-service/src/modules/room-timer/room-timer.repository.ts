import { type Insertable, type Kysely, sql, type Updateable } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { FocusSessionsTable, SessionRow } from '../../db/tables/focus-sessions.ts'
import type { RoomParticipantsTable, RoomRow } from '../../db/tables/rooms.ts'
import type { Database } from '../../db/tables.ts'
import type { RoomTimerState } from './room-timer.ts'

/** Stores the room's timer and counts the change: answers the room with its new version. */
export const saveTimer = (db: Kysely<Database>, roomId: string, timer: RoomTimerState): Promise<RoomRow> =>
  db
    .updateTable('rooms')
    .set({ ...timer, version: sql<number>`version + 1` })
    .where('id', '=', roomId)
    .returningAll()
    .executeTakeFirstOrThrow()

/**
 * One open room whose running phase has ended, locked; a room another replica holds is skipped, and
 * the condition, evaluated again once the lock is taken, leaves out one it has just advanced.
 */
export const lockDueRoom = (db: Kysely<Database>, now: Date) =>
  db
    .selectFrom('rooms')
    .selectAll()
    .where('timer_status', '=', 'running')
    .where('phase_ends_at', '<=', now)
    .where('status', '=', 'open')
    .orderBy('phase_ends_at')
    .limit(1)
    .forNoKeyUpdate()
    .skipLocked()
    .executeTakeFirst()

/** When the first running phase ends (null when none runs): the first entry of `rooms_phase_due`. */
export const nextPhaseEnd = async (db: Kysely<Database>): Promise<Date | null> =>
  (
    await db
      .selectFrom('rooms')
      .select('phase_ends_at')
      .where('timer_status', '=', 'running')
      .where('phase_ends_at', 'is not', null)
      .orderBy('phase_ends_at')
      .limit(1)
      .executeTakeFirst()
  )?.phase_ends_at ?? null

/** The participants a work phase starting now gives a session: in the timer, neither away nor stepped away. */
export const timerParticipants = (db: Kysely<Database>, roomId: string) =>
  db
    .selectFrom('room_participants')
    .selectAll()
    .where('room_id', '=', roomId)
    .where('in_timer', '=', true)
    .where('away', '=', false)
    .where('stepped_away', '=', false)
    .orderBy('joined_at')
    .execute()

/**
 * The active sessions the room drives, locked (waiting for the session sweeper or an owner's action to
 * finish, whose change the re-read then shows): those it started for participants still in its timer
 * since they joined. A session of someone who left the timer or the room is theirs alone.
 */
export const lockDrivenSessions = (db: Kysely<Database>, roomId: string): Promise<SessionRow[]> =>
  db
    .selectFrom('focus_sessions as s')
    .innerJoin('room_participants as p', (join) => join.onRef('p.user_id', '=', 's.user_id'))
    .selectAll('s')
    .where('s.room_id', '=', roomId)
    .where('p.room_id', '=', roomId)
    .where('p.in_timer', '=', true)
    .where('s.status', 'in', ['running', 'paused'])
    .whereRef('s.started_at', '>=', 'p.joined_at')
    .orderBy('s.id')
    .forUpdate('s')
    .execute()

/**
 * A room session, unless the user has an active session of their own (or one logged over this moment):
 * then nothing is inserted (the constraints' conflict, without failing the room's transaction).
 */
export const insertRoomSession = (db: Kysely<Database>, row: Omit<Insertable<FocusSessionsTable>, 'id'>) =>
  db
    .insertInto('focus_sessions')
    .values({ id: uuidv7(), ...row })
    .onConflict((conflict) => conflict.doNothing())
    .returningAll()
    .executeTakeFirst()

export const updateParticipant = (
  db: Kysely<Database>,
  roomId: string,
  userId: string,
  changes: Updateable<RoomParticipantsTable>,
) =>
  db
    .updateTable('room_participants')
    .set(changes)
    .where('room_id', '=', roomId)
    .where('user_id', '=', userId)
    .returningAll()
    .executeTakeFirstOrThrow()
