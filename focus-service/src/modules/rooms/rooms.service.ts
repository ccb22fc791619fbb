import type { RequestContext } from '@focushub/shared/context'
import { errors } from '@focushub/shared/errors'
import { inUnitOfWork } from '@focushub/shared/events'
import type { Kysely } from 'kysely'
import type { FocusContext } from '../../context.ts'
import type { RoomRow } from '../../db/tables/rooms.ts'
import type { Database } from '../../db/tables.ts'
import { focusError } from '../../errors.ts'
import { findSettings } from '../settings/settings.repository.ts'
import { closeRoom, joinRoom } from './membership.ts'
import { alreadyInRoom, joining } from './participation.service.ts'
import { findOpenRoom, findParticipant, participantRoom, recordRoomEvent, requireHost } from './room-access.ts'
import { roomViewOf, toRoomSummary } from './room-view.ts'
import { directoryPage, insertRoom, roomOfUser, updateRoom } from './rooms.repository.ts'
import { type CreateRoomBody, DirectoryCursor, type UpdateRoomBody } from './rooms.schemas.ts'

const noSuchRoom = () => errors.notFound('No such room')

/** Tags as stored: lower-case, each once, in the order first given. */
const normalizedTags = (tags: string[]) => [...new Set(tags.map((tag) => tag.toLowerCase()))]

/** Creates a room, its plan from the request or the host's focus settings; the host is its first participant. */
export async function createRoom(ctx: FocusContext, userId: string, body: CreateRoomBody, meta: RequestContext) {
  const now = ctx.now()
  const plan = body.plan ?? (await findSettings(ctx.db, userId))
  const room = await joining(ctx, userId, () =>
    inUnitOfWork(ctx.db, async (work) => {
      const { trx } = work
      const current = await roomOfUser(trx, userId)
      if (current) throw alreadyInRoom(current.id)
      const room = await insertRoom(trx, {
        host_id: userId,
        name: body.name.trim(),
        visibility: body.visibility,
        capacity: body.capacity ?? 10,
        tags: normalizedTags(body.tags ?? []),
        anyone_controls: body.anyoneControls ?? false,
        work_minutes: plan.workMinutes,
        short_break_minutes: plan.shortBreakMinutes,
        long_break_minutes: plan.longBreakMinutes,
        cycles_before_long_break: plan.cyclesBeforeLongBreak,
        status: 'open',
        timer_status: 'idle',
        phase: null,
        cycle: null,
        phase_started_at: null,
        phase_ends_at: null,
        phase_remaining_ms: null,
        participant_count: 0,
        empty_since: null,
        created_at: now,
        closed_at: null,
        version: 1,
      })
      await recordRoomEvent(work, 'focus.room.created', room, { name: room.name, visibility: room.visibility }, meta, {
        alsoTo: [userId],
      })
      return (await joinRoom(work, ctx, room, userId, now, meta)).room
    }),
  )
  return roomViewOf(ctx.db, room, userId)
}

/** The directory: open public rooms, fullest first, by a part of the name and a tag. */
export async function roomDirectory(
  ctx: FocusContext,
  query: { q?: string; tag?: string; limit: number; cursor?: string },
) {
  const after = query.cursor ? DirectoryCursor.decode(query.cursor) : undefined
  const rows = await directoryPage(
    ctx.db,
    { q: query.q, tag: query.tag },
    query.limit,
    after && { count: after[0], id: after[1] },
  )
  const items = rows.slice(0, query.limit)
  const last = items[items.length - 1]
  return {
    items: items.map(toRoomSummary),
    nextCursor: rows.length > query.limit ? DirectoryCursor.encode([last.participant_count, last.id]) : null,
  }
}

export async function currentRoom(ctx: FocusContext, userId: string) {
  const room = await roomOfUser(ctx.db, userId)
  return room ? roomViewOf(ctx.db, room, userId) : null
}

/** An open room the user may see: a public one, or a private one they are in (404 otherwise). */
async function visibleRoom(db: Kysely<Database>, roomId: string, userId: string) {
  const room = await findOpenRoom(db, roomId)
  if (!room) throw noSuchRoom()
  if (room.visibility === 'private' && !(await findParticipant(db, roomId, userId))) throw noSuchRoom()
  return room
}

export async function roomDetail(ctx: FocusContext, userId: string, roomId: string) {
  return roomViewOf(ctx.db, await visibleRoom(ctx.db, roomId, userId), userId)
}

/** The host changes the room; the plan only while the timer is idle. `changed` names what differs. */
export async function changeRoom(
  ctx: FocusContext,
  userId: string,
  roomId: string,
  body: UpdateRoomBody,
  expectedVersion: number | undefined,
  meta: RequestContext,
) {
  const room = await inUnitOfWork(ctx.db, async (work) => {
    const { trx } = work
    const { room } = await participantRoom(trx, roomId, userId, { lock: true })
    requireHost(room, userId)
    if (expectedVersion !== undefined && room.version !== expectedVersion) {
      throw errors.preconditionFailed('The room changed since you read it; read it again')
    }
    const changes: Partial<RoomRow> = {}
    const changed: string[] = []
    const change = <K extends keyof RoomRow>(field: string, column: K, value: RoomRow[K] | undefined) => {
      if (value === undefined || JSON.stringify(value) === JSON.stringify(room[column])) return
      changes[column] = value
      changed.push(field)
    }
    change('name', 'name', body.name?.trim())
    change('visibility', 'visibility', body.visibility)
    if (body.capacity !== undefined && body.capacity < room.participant_count) {
      throw focusError(
        'capacity-below-participants',
        `${room.participant_count} people are in the room: the capacity cannot be below that`,
      )
    }
    change('capacity', 'capacity', body.capacity)
    change('tags', 'tags', body.tags && normalizedTags(body.tags))
    change('anyoneControls', 'anyone_controls', body.anyoneControls)
    if (body.plan) {
      const plan = body.plan
      const differs =
        plan.workMinutes !== room.work_minutes ||
        plan.shortBreakMinutes !== room.short_break_minutes ||
        plan.longBreakMinutes !== room.long_break_minutes ||
        plan.cyclesBeforeLongBreak !== room.cycles_before_long_break
      if (differs && room.timer_status !== 'idle') {
        throw focusError('room-timer-busy', "The plan cannot change while the room's timer runs: end it first")
      }
      if (differs) {
        Object.assign(changes, {
          work_minutes: plan.workMinutes,
          short_break_minutes: plan.shortBreakMinutes,
          long_break_minutes: plan.longBreakMinutes,
          cycles_before_long_break: plan.cyclesBeforeLongBreak,
        })
        changed.push('plan')
      }
    }
    if (changed.length === 0) return room
    const updated = await updateRoom(trx, roomId, changes)
    await recordRoomEvent(work, 'focus.room.updated', updated, { changed }, meta)
    return updated
  })
  return roomViewOf(ctx.db, room, userId)
}

export async function closeRoomAsHost(ctx: FocusContext, userId: string, roomId: string, meta: RequestContext) {
  await inUnitOfWork(ctx.db, async (work) => {
    const { room } = await participantRoom(work.trx, roomId, userId, { lock: true })
    requireHost(room, userId)
    await closeRoom(work, room, 'host', ctx.now(), meta)
  })
}
