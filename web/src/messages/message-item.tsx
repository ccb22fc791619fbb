import { type KeyboardEvent, useState } from 'react'
import { HiddenNotice } from '../moderation/hidden-notice.tsx'
import { ReportButton } from '../moderation/report-dialog.tsx'
import { personName } from '../ui/person-name.ts'
import type { Member, Message } from './messages-queries.ts'
import { canChange, maxMessageCharacters } from './messages-text.ts'

const time = (instant: string) =>
  new Date(instant).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' })

/** Who wrote a message: me, a member by name, or a deleted account. */
function authorName(message: Message, userId: string, members: Member[]) {
  if (message.authorId === null) return 'Deleted account'
  if (message.authorId === userId) return 'You'
  const member = members.find(({ user }) => user.userId === message.authorId)
  return personName(member?.user.displayName, message.authorId, 'Someone')
}

/**
 * One message: its body as React text (never HTML; line breaks kept), a tombstone once deleted or hidden
 * by a moderator (why, to its author), another's reported. Mine,
 * within 15 minutes of sending, can be edited in place (Enter saves, Escape cancels) or deleted after a
 * second click; `seen` is said under it.
 */
export function MessageItem({
  message,
  userId,
  members,
  seen,
  now,
  onEdit,
  onDelete,
  busy,
}: {
  message: Message
  userId: string
  members: Member[]
  seen: string
  now: number
  onEdit: (body: string, done: () => void) => void
  onDelete: () => void
  busy: boolean
}) {
  const [editing, setEditing] = useState<string>()
  const [confirming, setConfirming] = useState(false)
  const mine = message.authorId === userId
  // A hidden message is a tombstone: the API refuses its edit (409 `message-hidden`).
  const changeable = canChange(message, userId, now) && !message.hidden
  const reportable = !mine && message.authorId !== null && !message.deletedAt && !message.hidden
  const name = authorName(message, userId, members)
  const keyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Escape') setEditing(undefined)
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing && editing?.trim()) {
      event.preventDefault()
      onEdit(editing.trim(), () => setEditing(undefined))
    }
  }
  return (
    <li className={mine ? 'message mine' : 'message'}>
      <span className="message-author">{name}</span>
      <time className="muted" dateTime={message.createdAt}>
        {time(message.createdAt)}
      </time>
      {message.editedAt && !message.deletedAt && <span className="muted">(edited)</span>}
      {changeable && editing === undefined && (
        <span className="message-actions">
          {confirming ? (
            <>
              <button type="button" disabled={busy} onClick={onDelete}>
                Delete for everyone
              </button>
              <button type="button" className="quiet" onClick={() => setConfirming(false)}>
                Keep
              </button>
            </>
          ) : (
            <>
              <button type="button" className="quiet" onClick={() => setEditing(message.body)}>
                Edit
              </button>
              <button type="button" className="quiet" onClick={() => setConfirming(true)}>
                Delete
              </button>
            </>
          )}
        </span>
      )}
      {reportable && (
        <span className="message-actions">
          <ReportButton
            target={{ type: 'message', id: message.id }}
            label={`Report message from ${name}`}
            excerpt={message.body}
          />
        </span>
      )}
      {message.hidden ? (
        <HiddenNotice reason={message.hiddenReason} />
      ) : message.deletedAt ? (
        <p className="message-body deleted muted">Message deleted</p>
      ) : editing !== undefined ? (
        <div className="message-edit">
          <label className="visually-hidden" htmlFor={`edit-${message.id}`}>
            Edit message
          </label>
          <textarea
            id={`edit-${message.id}`}
            rows={2}
            maxLength={maxMessageCharacters}
            value={editing}
            onChange={(event) => setEditing(event.target.value)}
            onKeyDown={keyDown}
          />
          <button
            type="button"
            className="primary"
            disabled={busy || !editing.trim()}
            onClick={() => onEdit(editing.trim(), () => setEditing(undefined))}
          >
            Save
          </button>
          <button type="button" className="quiet" onClick={() => setEditing(undefined)}>
            Cancel
          </button>
        </div>
      ) : (
        <p className="message-body">{message.body}</p>
      )}
      {seen && <p className="message-seen muted">{seen}</p>}
    </li>
  )
}
