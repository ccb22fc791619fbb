// What the Messages screens say and decide without the API: names, previews, whether a message may
// still change, who has seen it, who is typing, when to say I am typing, why a start was refused.
import { ProblemError } from '../api/problem.ts'
import { personName } from '../ui/person-name.ts'

/** social-service's limits (its README's "Direct messages"): the API refuses past them. */
export const maxMessageCharacters = 2000
export const changeWindowMs = 15 * 60 * 1000
export const typingEveryMs = 3000
/** How long "is typing" stays without another typing event (sent at most every 3 s while typing). */
export const typingShownMs = 6000

interface Person {
  userId: string
  displayName: string | null
}

/**
 * The live events that change my conversations, their messages or read receipts (typing changes none),
 * and a moderator hiding a message of mine (pushed to me as its author).
 */
const changingEvents = new Set([
  'social.message.sent',
  'social.message.edited',
  'social.message.deleted',
  'social.conversation.read',
  'social.moderation.content_hidden',
])

export const changesConversations = (type: string) => changingEvents.has(type)

/** A conversation as its list names it: a group's title, or the other person of a one-to-one. */
export function conversationTitle(conversation: { kind: string; title: string | null; with: Person | null }) {
  if (conversation.kind === 'group') return conversation.title ?? 'Group'
  return conversation.with
    ? personName(conversation.with.displayName, conversation.with.userId, 'Someone')
    : 'Deleted account'
}

/** The last message in a line: mine marked "You: ", a deleted one or one a moderator hid said so. */
export function previewText(
  lastMessage: { authorId: string | null; body: string; deleted: boolean; hidden?: boolean } | null,
  userId: string,
) {
  if (!lastMessage) return 'No messages yet'
  if (lastMessage.deleted) return 'Message deleted'
  if (lastMessage.hidden) return 'Message hidden by a moderator'
  return lastMessage.authorId === userId ? `You: ${lastMessage.body}` : lastMessage.body
}

/** Whether I may still edit or delete a message: mine, not deleted, sent less than 15 minutes ago. */
export function canChange(
  message: { authorId: string | null; createdAt: string; deletedAt: string | null },
  userId: string,
  now: number,
) {
  return message.authorId === userId && !message.deletedAt && now - Date.parse(message.createdAt) < changeWindowMs
}

/**
 * The other members who have read up to a message or past it. Message ids are UUIDv7, time-ordered, so
 * a read position at or after the message compares as a string at or after its id.
 */
export function seenBy<M extends { user: Person; lastReadMessageId: string | null }>(
  members: M[],
  userId: string,
  messageId: string,
) {
  return members.filter(
    (member) =>
      member.user.userId !== userId && member.lastReadMessageId !== null && member.lastReadMessageId >= messageId,
  )
}

/** Under my last message: "Seen" in a one-to-one, who has in a group, nothing while nobody has. */
export function seenText(kind: string, readers: { user: Person }[]) {
  if (readers.length === 0) return ''
  if (kind === 'direct') return 'Seen'
  return `Seen by ${listNames(readers.map(({ user }) => personName(user.displayName, user.userId, 'Someone')))}`
}

/** "Ada is typing…", "Ada and Bruno are typing…", "4 people are typing…"; empty for nobody. */
export function typingText(names: string[]) {
  if (names.length === 0) return ''
  if (names.length > 3) return `${names.length} people are typing…`
  return `${listNames(names)} ${names.length === 1 ? 'is' : 'are'} typing…`
}

const listNames = (names: string[]) =>
  names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`

/**
 * Whether to tell the members I am typing now: at most once every `typingEveryMs` (the API drops the
 * rest). Answers a function of the clock that remembers when it last said yes.
 */
export function typingThrottle(everyMs = typingEveryMs) {
  let last = Number.NEGATIVE_INFINITY
  return (now: number) => {
    if (now - last < everyMs) return false
    last = now
    return true
  }
}

/** Why a conversation with someone could not be started, said plainly; the API's detail otherwise. */
export function startRefusal(error: unknown, name: string) {
  if (!(error instanceof ProblemError)) return undefined
  const { status, code } = error.problem
  if (code === 'messages-closed') return `${name} does not take direct messages.`
  if (code === 'messages-friends-only') return `${name} takes direct messages from friends only.`
  if (status === 404) return `${name} cannot be messaged.`
  return error.message
}

/** The newest message shown is past what I have read: my read receipt should move to it. */
export const isUnread = (newestId: string | undefined, lastReadMessageId: string | null | undefined) =>
  newestId !== undefined && (lastReadMessageId == null || newestId > lastReadMessageId)

/** The unread badge: the sum over the conversations read (the first page). */
export function unreadTotal(conversations: { unreadCount: number }[]) {
  return conversations.reduce((total, conversation) => total + conversation.unreadCount, 0)
}
