import type { Generated } from 'kysely'

export type ConversationKind = 'direct' | 'group'

/** A one-to-one conversation (its pair, ordered, is unique) or a group (a title and its creator). */
export interface ConversationsTable {
  id: string
  kind: ConversationKind
  title: string | null
  /** A group's creator, who adds and removes members (passes to the longest member when they leave). */
  creator_id: string | null
  direct_low: string | null
  direct_high: string | null
  member_count: number
  last_message_id: string | null
  last_message_at: Date
  created_at: Generated<Date>
}

/** Who is in a conversation now (leaving deletes the row); the list's order and unread count are kept here. */
export interface ConversationMembersTable {
  conversation_id: string
  user_id: string
  /** The other person of a one-to-one conversation; null in a group. */
  other_id: string | null
  joined_at: Generated<Date>
  /** The conversation's last activity, copied on every send: the key of the member's conversation list. */
  last_message_at: Date
  last_read_message_id: string | null
  unread_count: Generated<number>
  muted: Generated<boolean>
  /** When this member's last typing event went out (one per TYPING_INTERVAL). */
  typing_at: Date | null
}

/** A message; deleted (by its author, or with their account) it stays as a tombstone with an empty body. */
export interface MessagesTable {
  id: string
  conversation_id: string
  /** Null once the author's account is deleted. */
  author_id: string | null
  body: string
  created_at: Generated<Date>
  edited_at: Date | null
  deleted_at: Date | null
  /** Set when a moderator hid it: a tombstone for everyone, its author told the reason. */
  hidden_at: Generated<Date | null>
  hidden_reason: Generated<string | null>
}

export interface MessagesDatabase {
  conversations: ConversationsTable
  conversation_members: ConversationMembersTable
  messages: MessagesTable
}
