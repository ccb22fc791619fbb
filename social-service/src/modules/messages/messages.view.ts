import type { MessagesTable } from '../../db/tables/messages.ts'
import type { SummaryRow } from './conversation-list.repository.ts'
import type { membersOf } from './conversations.repository.ts'

type MessageRow = Omit<MessagesTable, 'created_at'> & { created_at: Date }

const iso = (time: Date | null) => (time ? time.toISOString() : null)

export const toMessage = (row: MessageRow) => ({
  id: row.id,
  conversationId: row.conversation_id,
  authorId: row.author_id,
  body: row.body,
  createdAt: row.created_at.toISOString(),
  editedAt: iso(row.edited_at),
  deletedAt: iso(row.deleted_at),
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
