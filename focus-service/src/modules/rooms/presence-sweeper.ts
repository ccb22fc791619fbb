import { contextFor } from '@focushub/shared/context'
import { inUnitOfWork } from '@focushub/shared/events'
import { createBackgroundJob, jobPlugin } from '@focushub/shared/jobs'
import { type Kysely, sql } from 'kysely'
import type { FocusContext } from '../../context.ts'
import type { RoomRow } from '../../db/tables/rooms.ts'
import type { Database } from '../../db/tables.ts'
import { closeRoom, removeParticipant } from './membership.ts'
import { announcePresence } from './room-access.ts'

const batchSize = 50

const sweepMeta = (userId: string, roomId: string) => contextFor({ userId, requestId: `room-sweeper-${roomId}` })

/** Participants not away, with no live stream reported (nor call of their own) since `before`. */
const quietParticipants = (db: Kysely<Database>, before: Date) =>
  db.selectFrom('room_participants').where('away', '=', false).where('last_seen_at', '<=', before)

/** Participants away (disconnected), with no live stream reported since `before`. */
const goneParticipants = (db: Kysely<Database>, before: Date) =>
  db.selectFrom('room_participants').where('away', '=', true).where('last_seen_at', '<=', before)

/**
 * Due participants looked at per batch, the oldest first: spread over rooms as they usually are, enough for
 * the batches of a few replicas sweeping at once, each locking other rooms among them.
 */
const candidates = batchSize * 4

/**
 * A batch of open rooms with someone among `who`, locked: SKIP LOCKED hands each room to one replica,
 * and what is done is read again under the lock. The rooms are those of the oldest of `who` (read off
 * `room_participants_seen`), so a batch costs its candidates whatever the number of open rooms:
 * `any(array(…))` reads them first, where `in (…)` let the planner walk every open room in id order for
 * one of `who` (1 s over 100,000 rooms with nothing to do).
 */
const lockRoomsWith = (trx: Kysely<Database>, who: ReturnType<typeof quietParticipants>) =>
  trx
    .selectFrom('rooms')
    .selectAll()
    .where('status', '=', 'open')
    .where(sql<boolean>`id = any(array(${who.select('room_id').orderBy('last_seen_at').limit(candidates)}))`)
    .orderBy('id')
    .limit(batchSize)
    .forNoKeyUpdate()
    .skipLocked()
    .execute()

/**
 * What a batch did, and whether another may follow: for a batch of rooms with due participants, as long as
 * it locked any (the candidates may hold fewer rooms than a batch while more are due).
 */
interface Batch {
  acted: number
  more: boolean
}

/**
 * Marks quiet participants away, a batch of rooms per transaction; answers how many. Who had stepped away
 * was shown away already: no event for them.
 */
async function markAway(ctx: FocusContext, now: Date): Promise<Batch> {
  const before = new Date(now.getTime() - ctx.config.FOCUS_ROOM_AWAY_AFTER_MS)
  return inUnitOfWork(ctx.db, async (work) => {
    const { trx } = work
    const rooms = await lockRoomsWith(trx, quietParticipants(trx, before))
    let marked = 0
    for (const room of rooms) {
      const quiet = await trx
        .updateTable('room_participants')
        .set({ away: true })
        .where('room_id', '=', room.id)
        .where('away', '=', false)
        .where('last_seen_at', '<=', before)
        .returning(['user_id', 'stepped_away'])
        .execute()
      for (const { user_id } of quiet.filter((participant) => !participant.stepped_away))
        await announcePresence(work, room.id, user_id, true, sweepMeta(user_id, room.id))
      marked += quiet.length
    }
    return { acted: marked, more: rooms.length > 0 }
  })
}

/**
 * Takes out who has been away (disconnected) and quiet too long, a batch of rooms per transaction. Who
 * only stepped away is still reported connected, so never away: they stay.
 */
async function timeOut(ctx: FocusContext, now: Date): Promise<Batch> {
  const before = new Date(now.getTime() - ctx.config.FOCUS_ROOM_LEAVE_AFTER_MS)
  return inUnitOfWork(ctx.db, async (work) => {
    const { trx } = work
    const rooms = await lockRoomsWith(trx, goneParticipants(trx, before))
    let removed = 0
    for (const locked of rooms) {
      let room: RoomRow = locked
      const gone = await goneParticipants(trx, before)
        .select('user_id')
        .where('room_id', '=', room.id)
        .orderBy('joined_at')
        .execute()
      for (const { user_id } of gone) {
        room = await removeParticipant(work, room, user_id, 'timeout', now, sweepMeta(user_id, room.id))
      }
      removed += gone.length
    }
    return { acted: removed, more: rooms.length > 0 }
  })
}

/** Closes rooms nobody has been in for FOCUS_ROOM_EMPTY_CLOSE_AFTER_MS, a batch per transaction. */
async function closeEmpty(ctx: FocusContext, now: Date): Promise<Batch> {
  const before = new Date(now.getTime() - ctx.config.FOCUS_ROOM_EMPTY_CLOSE_AFTER_MS)
  return inUnitOfWork(ctx.db, async (work) => {
    const { trx } = work
    const rooms = await trx
      .selectFrom('rooms')
      .selectAll()
      .where('status', '=', 'open')
      .where('empty_since', 'is not', null)
      .where('empty_since', '<=', before)
      .where('participant_count', '=', 0)
      .orderBy('empty_since')
      .limit(batchSize)
      .forNoKeyUpdate()
      .skipLocked()
      .execute()
    for (const room of rooms) {
      await closeRoom(work, room, 'empty', now, sweepMeta(room.host_id, room.id))
    }
    return { acted: rooms.length, more: rooms.length === batchSize }
  })
}

/** Runs one step until no batch may follow; answers how many it acted on. */
async function drain(step: () => Promise<Batch>) {
  let total = 0
  for (;;) {
    const { acted, more } = await step()
    total += acted
    if (!more) return total
  }
}

/**
 * Presence: participants no gateway reported connected (nor called) for FOCUS_ROOM_AWAY_AFTER_MS are
 * away; away and quiet for FOCUS_ROOM_LEAVE_AFTER_MS, they leave (`timeout`); rooms empty for FOCUS_ROOM_EMPTY_CLOSE_AFTER_MS
 * close. Replicas sweep the same tables: FOR UPDATE SKIP LOCKED on the room rows hands each room to one
 * of them, and what is done is re-read under the lock, so nothing happens twice.
 */
export async function sweepRoomPresence(ctx: FocusContext): Promise<number> {
  const now = ctx.now()
  const away = await drain(() => markAway(ctx, now))
  const left = await drain(() => timeOut(ctx, now))
  const closed = await drain(() => closeEmpty(ctx, now))
  return away + left + closed
}

/** Runs the presence sweep every FOCUS_ROOM_SWEEP_INTERVAL_MS for the life of the app. */
export const presenceSweeperJob = jobPlugin('focushub-room-presence-sweeper', (app, { ctx }: { ctx: FocusContext }) =>
  createBackgroundJob({
    name: 'room presence sweep',
    intervalMs: ctx.config.FOCUS_ROOM_SWEEP_INTERVAL_MS,
    pass: () => sweepRoomPresence(ctx),
    log: ctx.log,
    metrics: app.metrics,
  }),
)
