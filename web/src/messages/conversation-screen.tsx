import { useEffect, useRef, useState } from 'react'
import { Link, useLocation } from 'wouter'
import { formMessage } from '../api/problem.ts'
import { FormMessage } from '../ui/field.tsx'
import { personName } from '../ui/person-name.ts'
import { Composer } from './composer.tsx'
import { useTyping, useVisible } from './conversation-live.ts'
import { MessageItem } from './message-item.tsx'
import {
  type Conversation,
  isNotFound,
  useConversation,
  useDeleteMessage,
  useEditMessage,
  useLeaveGroup,
  useMarkRead,
  useMessages,
  useMute,
} from './messages-queries.ts'
import { conversationTitle, isUnread, seenBy, seenText, typingText } from './messages-text.ts'

/** The time now, again every 30 s: what decides whether my messages can still be edited. */
function useClock() {
  const [now, setNow] = useState(Date.now)
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000)
    return () => clearInterval(timer)
  }, [])
  return now
}

/** One conversation: its messages, the box to write, who has seen my last one and who is typing. */
export function ConversationScreen({ conversationId, userId }: { conversationId: string; userId: string }) {
  const conversation = useConversation(conversationId)
  if (isNotFound(conversation.error))
    return (
      <section className="conversation" aria-label="Conversation">
        <p role="alert" className="form-error">
          This conversation does not exist, or you are no longer in it.
        </p>
        <Link href="/messages">All messages</Link>
      </section>
    )
  return (
    <section className="conversation" aria-labelledby="conversation-heading">
      <FormMessage message={formMessage(conversation.error)} />
      {conversation.data && <OpenConversation conversation={conversation.data} userId={userId} />}
    </section>
  )
}

function OpenConversation({ conversation, userId }: { conversation: Conversation; userId: string }) {
  const id = conversation.id
  const pages = useMessages(id)
  const messages = (pages.data?.pages.flatMap((page) => page.items) ?? []).toReversed()
  const members = conversation.members
  const now = useClock()
  const edit = useEditMessage(id)
  const remove = useDeleteMessage(id)
  const typing = useTyping(id, userId)
  // My own newest message moved my read position already (the send did): only another's is read.
  const newestFromOthers = messages.at(-1)?.authorId === userId ? undefined : messages.at(-1)?.id
  useReadReceipt(conversation, userId, newestFromOthers)

  const log = useRef<HTMLDivElement>(null)
  const newest = messages.at(-1)?.id
  // A new message (mine or another's) scrolls the log to it; an older page read leaves it where it is.
  useEffect(() => {
    if (newest && log.current) log.current.scrollTop = log.current.scrollHeight
  }, [newest])

  const myLast = messages.findLast((message) => message.authorId === userId && !message.deletedAt)
  const seen = myLast ? seenText(conversation.kind, seenBy(members, userId, myLast.id)) : ''
  const typingNames = typing.map((who) =>
    personName(members.find(({ user }) => user.userId === who)?.user.displayName, who, 'Someone'),
  )
  return (
    <>
      <ConversationHead conversation={conversation} />
      <FormMessage message={formMessage(pages.error ?? edit.error ?? remove.error)} />
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region is reached by keyboard to scroll it */}
      <div className="message-log" ref={log} role="log" aria-label="Messages" tabIndex={0}>
        {pages.hasNextPage && (
          <button type="button" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
            Load older
          </button>
        )}
        {pages.isSuccess && messages.length === 0 && <p className="muted">No messages yet. Say hello.</p>}
        <ol>
          {messages.map((message) => (
            <MessageItem
              key={message.id}
              message={message}
              userId={userId}
              members={members}
              seen={message.id === myLast?.id ? seen : ''}
              now={now}
              busy={edit.isPending || remove.isPending}
              onEdit={(body, done) => {
                remove.reset()
                edit.mutate({ messageId: message.id, body }, { onSuccess: done })
              }}
              onDelete={() => {
                edit.reset()
                remove.mutate(message.id)
              }}
            />
          ))}
        </ol>
      </div>
      <p className="muted typing" aria-live="polite">
        {typingText(typingNames)}
      </p>
      <Composer conversationId={id} />
    </>
  )
}

/**
 * While the conversation is open and the page in view, my read receipt follows the newest message:
 * sent once per message (a refusal is not retried for it; the next message tries again).
 */
function useReadReceipt(conversation: Conversation, userId: string, newestId: string | undefined) {
  const markRead = useMarkRead(conversation.id)
  const visible = useVisible()
  const sent = useRef<string>(undefined)
  const myRead = conversation.members.find(({ user }) => user.userId === userId)?.lastReadMessageId
  const { mutate } = markRead
  useEffect(() => {
    if (!visible || !newestId || sent.current === newestId || !isUnread(newestId, myRead)) return
    sent.current = newestId
    mutate(newestId)
  }, [visible, newestId, myRead, mutate])
}

/** The title, who is in it, and mute, unmute or leave (a group). */
function ConversationHead({ conversation }: { conversation: Conversation }) {
  const mute = useMute(conversation.id)
  const leave = useLeaveGroup(conversation.id)
  const [, navigate] = useLocation()
  const group = conversation.kind === 'group'
  return (
    <div className="conversation-head">
      <Link href="/messages" className="back-link">
        All messages
      </Link>
      <h2 id="conversation-heading">{conversationTitle(conversation)}</h2>
      {group && (
        <p className="muted">
          {conversation.members.map(({ user }) => personName(user.displayName, user.userId, 'Someone')).join(', ')}
        </p>
      )}
      <div className="conversation-actions">
        <FormMessage message={formMessage(mute.error ?? leave.error)} />
        {conversation.muted && <span className="conversation-badge">Muted</span>}
        <button type="button" disabled={mute.isPending} onClick={() => mute.mutate(!conversation.muted)}>
          {conversation.muted ? 'Unmute' : 'Mute'}
        </button>
        {group && (
          <button
            type="button"
            disabled={leave.isPending}
            // Not mutate's onSuccess: the write reads the conversation again, now a 404 that unmounts this first.
            onClick={() =>
              leave.mutateAsync().then(
                () => navigate('/messages'),
                () => undefined,
              )
            }
          >
            Leave group
          </button>
        )}
      </div>
    </div>
  )
}
