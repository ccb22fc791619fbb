import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from 'react'
import { fieldMessage, formMessage } from '../api/problem.ts'
import { Field, FormMessage } from '../ui/field.tsx'
import { personName } from '../ui/person-name.ts'
import { type Message, useMessages, usePostMessage } from './room-queries.ts'

const time = (instant: string) => new Date(instant).toLocaleTimeString(undefined, { timeStyle: 'short' })

/**
 * The room's chat: newest at the bottom (the API's pages are newest first), earlier ones a page at a
 * time above. Bodies are plain text, rendered as React text (never as HTML), line breaks kept.
 */
export function RoomChat({
  roomId,
  userId,
  onReport,
}: {
  roomId: string
  userId: string
  onReport: (message: Message) => void
}) {
  const pages = useMessages(roomId)
  const messages = (pages.data?.pages.flatMap((page) => page.items) ?? []).toReversed()
  const log = useRef<HTMLDivElement>(null)
  const newest = messages.at(-1)?.id
  // A new message (mine or another's) scrolls the log to it; an earlier page read leaves it where it is.
  useEffect(() => {
    if (newest && log.current) log.current.scrollTop = log.current.scrollHeight
  }, [newest])
  return (
    <section aria-labelledby="chat-heading" className="room-chat">
      <h2 id="chat-heading">Chat</h2>
      <FormMessage message={formMessage(pages.error)} />
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region is reached by keyboard to scroll it */}
      <div className="chat-log" ref={log} role="log" aria-label="Messages" tabIndex={0}>
        {pages.hasNextPage && (
          <button type="button" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetching}>
            Earlier messages
          </button>
        )}
        {pages.isSuccess && messages.length === 0 && <p className="muted">No messages yet.</p>}
        <ol>
          {messages.map((message) => (
            <li key={message.id} className="chat-message">
              <span className="chat-author">
                {message.userId === userId ? 'You' : personName(message.displayName, message.userId, 'Someone')}
              </span>
              <time className="muted" dateTime={message.createdAt}>
                {time(message.createdAt)}
              </time>
              {message.userId !== userId && (
                <button
                  type="button"
                  className="quiet"
                  aria-label={`Report the message from ${personName(message.displayName, message.userId, 'someone')}`}
                  onClick={() => onReport(message)}
                >
                  Report
                </button>
              )}
              <p className="chat-body">{message.body}</p>
            </li>
          ))}
        </ol>
      </div>
      <Composer roomId={roomId} />
    </section>
  )
}

function Composer({ roomId }: { roomId: string }) {
  const post = usePostMessage(roomId)
  const [body, setBody] = useState('')
  const send = (event?: FormEvent) => {
    event?.preventDefault()
    if (body.trim()) post.mutate(body.trim(), { onSuccess: () => setBody('') })
  }
  // Enter sends; Shift+Enter breaks the line.
  const keyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) send(event)
  }
  return (
    <form className="chat-composer" onSubmit={send} noValidate>
      {/* Muted (403), or too fast (429: its detail says how long to wait). */}
      <FormMessage message={formMessage(post.error)} />
      <Field label="Message" error={fieldMessage(post.error, 'body')}>
        {(control) => (
          <textarea
            {...control}
            rows={2}
            maxLength={500}
            value={body}
            onChange={(event) => setBody(event.target.value)}
            onKeyDown={keyDown}
          />
        )}
      </Field>
      <button type="submit" disabled={post.isPending}>
        Send
      </button>
    </form>
  )
}
