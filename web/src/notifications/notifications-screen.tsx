import { Link, useSearchParams } from 'wouter'
import { formMessage } from '../api/problem.ts'
import { FormMessage } from '../ui/field.tsx'
import { notificationLink } from './notification-link.ts'
import {
  type Notification,
  type NotificationOrder,
  useDeleteNotification,
  useMarkAllRead,
  useMarkRead,
  useNotificationPages,
  useUnreadCount,
} from './notification-queries.ts'
import './notifications.css'

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })

/** The order, kept in the URL (`?order=unread`), so a reload or the back button keeps it. */
function useOrder(): [NotificationOrder, (order: NotificationOrder) => void] {
  const [params, setParams] = useSearchParams()
  const order = params.get('order') === 'unread' ? 'unread' : 'newest'
  return [order, (next) => setParams(next === 'unread' ? { order: next } : {}, { replace: true })]
}

/** My notifications, newest or unread first, a page at a time: each opened, marked read or deleted, or all marked read. */
export function NotificationsScreen() {
  const [order, setOrder] = useOrder()
  const pages = useNotificationPages(order)
  const unread = useUnreadCount().data ?? 0
  const markRead = useMarkRead()
  const markAll = useMarkAllRead()
  const remove = useDeleteNotification()
  const items = pages.data?.pages.flatMap((page) => page.items) ?? []
  return (
    <main className="screen notifications">
      <h1>Notifications</h1>
      <div className="inbox-bar">
        <p className="muted" role="status">
          {unread === 0 ? 'All read.' : `${unread} unread`}
        </p>
        <button
          type="button"
          aria-pressed={order === 'unread'}
          onClick={() => setOrder(order === 'unread' ? 'newest' : 'unread')}
        >
          Unread first
        </button>
        <button type="button" disabled={unread === 0 || markAll.isPending} onClick={() => markAll.mutate()}>
          Mark all read
        </button>
      </div>
      <FormMessage message={formMessage(markRead.error ?? markAll.error ?? remove.error ?? pages.error)} />
      {pages.isSuccess && items.length === 0 && (
        <p className="muted inbox-empty">
          Nothing here yet. Invitations, shared sessions, achievements and goals reached show up here.
        </p>
      )}
      <ul className="inbox">
        {items.map((notification) => (
          <NotificationItem
            key={notification.id}
            notification={notification}
            onRead={() => markRead.mutate(notification.id)}
            onDelete={() => remove.mutate(notification.id)}
          />
        ))}
      </ul>
      {/* Held during a re-read of the pages too: the next page's read would cancel it, and a change with it. */}
      {pages.hasNextPage && (
        <button type="button" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetching}>
          Load more
        </button>
      )}
    </main>
  )
}

function NotificationItem({
  notification,
  onRead,
  onDelete,
}: {
  notification: Notification
  onRead: () => void
  onDelete: () => void
}) {
  const { title, body, createdAt, readAt } = notification
  const href = notificationLink(notification)
  const isUnread = readAt === null
  return (
    <li className="notification" data-unread={isUnread}>
      <h2 className="notification-title">
        {isUnread && <span className="visually-hidden">Unread: </span>}
        {/* Opening it reads it. */}
        {href ? (
          <Link href={href} onClick={isUnread ? onRead : undefined}>
            {title}
          </Link>
        ) : (
          title
        )}
      </h2>
      <p className="notification-body">{body}</p>
      <time className="muted" dateTime={createdAt}>
        {when(createdAt)}
      </time>
      <span className="notification-actions">
        {isUnread && (
          <button type="button" aria-label={`Mark read: ${title}`} onClick={onRead}>
            Mark read
          </button>
        )}
        <button type="button" aria-label={`Delete: ${title}`} onClick={onDelete}>
          Delete
        </button>
      </span>
    </li>
  )
}
