import type { RequestContext } from '@focushub/shared/context'
import { errors } from '@focushub/shared/errors'
import { inUnitOfWork } from '@focushub/shared/events'
import { decodeCursor, pageOf } from '@focushub/shared/http'
import type { Static } from 'typebox'
import type { FocusContext } from '../../context.ts'
import type { RoomReportsTable } from '../../db/tables/rooms.ts'
import { recordFocusEvent } from '../../events/focus-events.ts'
import { findMessage } from '../room-chat/room-chat.repository.ts'
import { findOpenRoom, findParticipant } from '../rooms/room-access.ts'
import { findReport, insertReport, reportsPage, resolveReport } from './room-reports.repository.ts'
import type { ReportBody } from './room-reports.schemas.ts'

const noSuchRoom = () => errors.notFound('No such room')

const reportView = (report: RoomReportsTable & { room_name: string | null }) => ({
  id: report.id,
  roomId: report.room_id,
  roomName: report.room_name,
  reporterId: report.reporter_id,
  reason: report.reason,
  message: report.message_id
    ? { id: report.message_id, authorId: report.message_author_id, body: report.message_body }
    : null,
  status: report.resolved_at ? ('resolved' as const) : ('open' as const),
  createdAt: report.created_at.toISOString(),
  resolvedAt: report.resolved_at?.toISOString() ?? null,
  resolvedBy: report.resolved_by,
})

/**
 * Reports a room, or one of its messages (its text and author copied in: the report outlives the chat),
 * by anyone who may see the room: any user for a public one, its participants for a private one (404 to
 * others, and for a message not in that room). `focus.room.reported` goes to the reporter alone: the room
 * is not told who reported.
 */
export async function reportRoom(
  ctx: FocusContext,
  userId: string,
  roomId: string,
  body: Static<typeof ReportBody>,
  meta: RequestContext,
) {
  const reason = body.reason.trim()
  return inUnitOfWork(ctx.db, async (work) => {
    const { trx } = work
    const room = await findOpenRoom(trx, roomId)
    if (!room) throw noSuchRoom()
    if (room.visibility === 'private' && !(await findParticipant(trx, roomId, userId))) throw noSuchRoom()
    const message = body.messageId ? await findMessage(trx, roomId, body.messageId) : undefined
    if (body.messageId && !message) throw errors.notFound('No such message in this room')
    const report = await insertReport(trx, {
      room_id: roomId,
      reporter_id: userId,
      message_id: message?.id ?? null,
      message_author_id: message?.user_id ?? null,
      message_body: message?.body ?? null,
      reason,
      created_at: ctx.now(),
    })
    recordFocusEvent(
      work,
      'focus.room.reported',
      { roomId, audience: [userId], roomVersion: room.version, reportId: report.id, messageId: message?.id ?? null },
      { userId, requestId: meta.requestId },
    )
    return report
  })
}

/** Reports for admins, open or resolved, newest first. */
export async function roomReports(ctx: FocusContext, status: 'open' | 'resolved', limit: number, cursor?: string) {
  const rows = await reportsPage(ctx.db, status === 'resolved', limit, cursor ? decodeCursor(cursor) : undefined)
  const page = pageOf(rows, limit)
  return { items: page.items.map(reportView), nextCursor: page.nextCursor }
}

/**
 * Resolves a report (admins); one resolved already stays as it was, with its first resolver. The first
 * resolution tells the reporter alone with `focus.room.report_resolved`, which is theirs (its userId) and
 * does not name the admin; resolving again publishes nothing.
 */
export async function resolveRoomReport(ctx: FocusContext, adminId: string, reportId: string, meta: RequestContext) {
  return inUnitOfWork(ctx.db, async (work) => {
    const { trx } = work
    const at = ctx.now()
    const resolved = await resolveReport(trx, reportId, adminId, at)
    const report = await findReport(trx, reportId)
    if (!report) throw errors.notFound('No such report')
    if (resolved) {
      recordFocusEvent(
        work,
        'focus.room.report_resolved',
        {
          roomId: report.room_id,
          audience: [report.reporter_id],
          // A room is never deleted (closing keeps its row), so its version is there.
          roomVersion: report.room_version ?? 1,
          reportId,
          messageId: report.message_id,
          resolvedAt: at.toISOString(),
        },
        { userId: report.reporter_id, requestId: meta.requestId },
      )
    }
    return reportView(report)
  })
}
