import { Link } from 'wouter'
import { formMessage } from '../api/problem.ts'
import { FormMessage } from '../ui/field.tsx'
import { type ConversationSummary, useConversations } from './messages-queries.ts'
import { conversationTitle, previewText } from './messages-text.ts'

/** My conversations, newest activity first, each with its last message, unread count and whether it is muted. */
export function ConversationList({ userId, openId }: { userId: string; openId?: string }) {
  const pages = useConversations()
  const conversations = pages.data?.pages.flatMap((page) => page.items) ?? []
  return (
    <section aria-labelledby="conversations-heading" className="conversation-list">
      <h1 id="conversations-heading">Messages</h1>
      {openId && <Link href="/messages">New conversation</Link>}
      <FormMessage message={formMessage(pages.error)} />
      {pages.isSuccess && conversations.length === 0 && <p className="muted">No conversations yet.</p>}
      <ul aria-label="Conversations">
        {conversations.map((conversation) => (
          <ConversationItem
            key={conversation.id}
            conversation={conversation}
            userId={userId}
            open={conversation.id === openId}
          />
        ))}
      </ul>
      {pages.hasNextPage && (
        <button type="button" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
          Load more
        </button>
      )}
    </section>
  )
}

function ConversationItem({
  conversation,
  userId,
  open,
}: {
  conversation: ConversationSummary
  userId: string
  open: boolean
}) {
  const unread = conversation.unreadCount
  return (
    <li className={unread > 0 ? 'conversation-item unread' : 'conversation-item'}>
      <Link href={`/messages/${conversation.id}`} aria-current={open ? 'page' : undefined}>
        <span className="conversation-title">{conversationTitle(conversation)}</span>
        {conversation.muted && <span className="conversation-badge">Muted</span>}
        {unread > 0 && (
          <span className="badge">
            {unread}
            <span className="visually-hidden"> unread</span>
          </span>
        )}
        <span className="conversation-preview muted">{previewText(conversation.lastMessage, userId)}</span>
      </Link>
      <time className="muted" dateTime={conversation.lastActivityAt}>
        {shortWhen(conversation.lastActivityAt)}
      </time>
    </li>
  )
}

/** Today's time, or the date of an earlier day. */
function shortWhen(instant: string) {
  const date = new Date(instant)
  return date.toDateString() === new Date().toDateString()
    ? date.toLocaleTimeString(undefined, { timeStyle: 'short' })
    : date.toLocaleDateString(undefined, { dateStyle: 'medium' })
}
