import type { MessagesTable } from '../../db/tables/messages.ts'
import type { SummaryRow } from './conversation-list.repository.ts'
import type { membersOf } from './conversations.repository.ts'

type MessageRow = Omit<MessagesTable, 'created_at' | 'hidden_at' | 'hidden_reason'> & {
  created_at: Date
  hidden_at: Date | null
  hidden_reason: string | null
}

const iso = (time: Date | null) => (time ? time.toISOString() : null)

/** A message as `viewerId` reads it: one a moderator hid is a tombstone for all, its author told why. */
export const toMessage = (row: MessageRow, viewerId: string) => ({
  id: row.id,
  conversationId: row.conversation_id,
  authorId: row.author_id,
  body: row.hidden_at ? '' : row.body,
  createdAt: row.created_at.toISOString(),
  editedAt: iso(row.edited_at),
  deletedAt: iso(row.deleted_at),
  hidden: row.hidden_at !== null,
  hiddenReason: row.hidden_at && row.author_id === viewerId.toLowerCase() ? row.hidden_reason : null,
})

const toPreview = (row: SummaryRow) =>
  row.last_id && row.last_created_at
    ? {
        id: row.last_id,
        authorId: row.last_author_id,
        body: row.last_body ?? '',
        createdAt: row.last_created_at.toISOString(),
        edited: row.last_edited_at !== null,
        deleted: row.last_deleted_at !== null,
        hidden: row.last_hidden,
      }
    : null

export const toSummary = (row: SummaryRow) => ({
  id: row.id,
  kind: row.kind,
  title: row.title,
  creatorId: row.creator_id,
  memberCount: row.member_count,
  with: row.other_id ? { userId: row.other_id, handle: row.other_handle, displayName: row.other_name } : null,
  lastActivityAt: row.last_message_at.toISOString(),
  lastMessage: toPreview(row),
  unreadCount: row.unread_count,
  muted: row.muted,
})

export const toMember = (row: Awaited<ReturnType<typeof membersOf>>[number]) => ({
  user: { userId: row.user_id, handle: row.handle, displayName: row.display_name },
  joinedAt: row.joined_at.toISOString(),
  lastReadMessageId: row.last_read_message_id,
})
