import type { WhoMayMessage } from '../../db/tables/profiles.ts'

/** What a message may hold: 1 to this many characters (code points) of plain text. */
export const maxMessageCharacters = 2000

/** Per-user and per-conversation limits of direct messages (a write past one is refused with its code). */
export const messageLimits = {
  /** Messages one sends, in all conversations, within any trailing minute (429 past it). */
  perMinute: 30,
  /** Conversations one is in, one-to-one and groups (409 past it, for whoever would be added). */
  conversations: 1000,
  /** Members of a group, its creator included. */
  groupMembers: 50,
  /** How long after sending its author may edit or delete a message. */
  editWindowMs: 15 * 60_000,
  /** A member's typing events: at most one per this interval (more are answered and dropped). */
  typingIntervalMs: 3000,
  /** A read receipt recounts what is left unread up to this many (the cost of a read is bounded by it). */
  unreadRecountCap: 1000,
}

/** Any character but a control one (NUL, tab, escapes, DEL, C1 codes); line breaks (LF, CR) allowed. */
const notControl = '[^\\u0000-\\u0009\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]'

/** A message's text as its schema: one character at least not white space, no control character but line breaks. */
export const plainTextPattern = `^${notControl}*[^\\s\\u0000-\\u001F\\u007F-\\u009F]${notControl}*$`

/** A one-to-one conversation's key: its two people in id order (Postgres orders uuids as their lower-case text). */
export function orderedPair(a: string, b: string): [string, string] {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()]
  return x < y ? [x, y] : [y, x]
}

/** Whether someone may write to a person of that setting: why not (an error code), or null when they may. */
export function messagingRefusal(whoMayMessage: WhoMayMessage, friends: boolean) {
  if (whoMayMessage === 'nobody') return 'messages-closed' as const
  if (whoMayMessage === 'friends' && !friends) return 'messages-friends-only' as const
  return null
}

/** Whether a message sent at `createdAt` may still be edited or deleted at `now`. */
export const withinEditWindow = (createdAt: Date, now: Date) =>
  now.getTime() - createdAt.getTime() < messageLimits.editWindowMs

/**
 * The send rate: given the sender's sends within the last minute (at most perMinute counted, and the oldest
 * of those), the seconds to wait before the next one may go, or 0 when it may go now.
 */
export function sendWaitSeconds(recent: { count: number; oldest: Date | null }, now: Date) {
  if (recent.count < messageLimits.perMinute || !recent.oldest) return 0
  return Math.max(1, Math.ceil((recent.oldest.getTime() + 60_000 - now.getTime()) / 1000))
}

/** Whether a member's typing event may go out at `now`, given when their last one did. */
export const typingDue = (lastTypingAt: Date | null, now: Date) =>
  !lastTypingAt || now.getTime() - lastTypingAt.getTime() >= messageLimits.typingIntervalMs
