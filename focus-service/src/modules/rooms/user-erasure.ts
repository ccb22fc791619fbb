import { contextFor } from '@focushub/shared/context'
import type { UnitOfWork } from '@focushub/shared/events'
import type { Database } from '../../db/tables.ts'
import { removeParticipant } from './membership.ts'
import { lockOpenRoom } from './room-access.ts'
import { roomOfUser } from './rooms.repository.ts'

/**
 * Everything rooms keep about a deleted user: they leave the room they are in (a host's room passes to
 * the longest-present participant, as when a host leaves), and their bans, invitations (received and
 * sent), messages and the reports they filed are deleted; a report of one of their messages keeps that it
 * was about a message, but no longer its text nor who wrote it.
 */
export async function eraseRoomData(work: UnitOfWork<Database>, userId: string, now: Date) {
  const { trx } = work
  const current = await roomOfUser(trx, userId)
  const room = current && (await lockOpenRoom(trx, current.id))
  if (room) {
    await removeParticipant(work, room, userId, 'left', now, contextFor({ userId, requestId: `erasure-${userId}` }))
  }
  await trx.deleteFrom('room_bans').where('user_id', '=', userId).execute()
  await trx
    .deleteFrom('room_invitations')
    .where((eb) => eb.or([eb('user_id', '=', userId), eb('invited_by', '=', userId)]))
    .execute()
  await trx.deleteFrom('room_messages').where('user_id', '=', userId).execute()
  await trx.deleteFrom('room_reports').where('reporter_id', '=', userId).execute()
  await trx
    .updateTable('room_reports')
    .set({ message_author_id: null, message_body: null })
    .where('message_author_id', '=', userId)
    .execute()
}
