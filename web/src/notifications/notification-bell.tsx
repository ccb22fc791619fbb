import { Link, useLocation } from 'wouter'
import { useUnreadCount } from './notification-queries.ts'
import './notifications.css'

/** More than this shows as "99+", so the badge keeps its width. */
const shownMax = 99

/**
 * The header's link to the inbox, with the unread count (read again live by `notification.*`
 * events). Its name says the count; the bell and its badge have a fixed size, so a new count moves
 * nothing.
 */
export function NotificationBell() {
  const unread = useUnreadCount().data ?? 0
  const [location] = useLocation()
  return (
    <Link
      href="/notifications"
      className="bell"
      aria-label={`Notifications, ${unread} unread`}
      title="Notifications (n)"
      aria-current={location === '/notifications' ? 'page' : undefined}
    >
      <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d="M12 3a6 6 0 0 0-6 6v3.6L4.3 16a1 1 0 0 0 .9 1.5h13.6a1 1 0 0 0 .9-1.5L18 12.6V9a6 6 0 0 0-6-6Zm-2.6 16a2.7 2.7 0 0 0 5.2 0Z" />
      </svg>
      <span className="bell-count" data-empty={unread === 0} aria-hidden="true">
        {unread > shownMax ? `${shownMax}+` : unread}
      </span>
    </Link>
  )
}
