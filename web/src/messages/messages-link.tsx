import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'
import { Link, useLocation } from 'wouter'
import { followLive } from '../api/live.ts'
import { messagesKey, useUnreadConversations } from './messages-queries.ts'
import { changesConversations, unreadTotal } from './messages-text.ts'

/**
 * The nav's link to Messages with the unread count of my 50 most recently active conversations (one
 * page: a conversation further down with unread messages is not counted until it comes up). Mounted
 * while signed in, it keeps every Messages query current: a message sent, edited or deleted, or a read
 * receipt, reads them again, as does the stream (re)opening.
 */
export function MessagesLink() {
  const unread = unreadTotal(useUnreadConversations().data ?? [])
  const [location] = useLocation()
  const current = location === '/messages' || location.startsWith('/messages/')
  useMessagesEvents()
  const link = useRef<HTMLAnchorElement>(null)
  // On a phone the nav's links scroll sideways: the current one is kept in view (as app.tsx's NavLink).
  const badged = unread > 0
  // biome-ignore lint/correctness/useExhaustiveDependencies: a badge coming or going resizes the link, kept in view again
  useEffect(() => {
    if (current) link.current?.scrollIntoView({ block: 'nearest', inline: 'nearest' })
  }, [current, badged])
  return (
    <Link ref={link} href="/messages" className="nav-link" aria-current={current ? 'page' : undefined}>
      Messages
      {unread > 0 && (
        <span className="badge">
          <span className="visually-hidden">, </span>
          {unread}
          <span className="visually-hidden"> unread</span>
        </span>
      )}
    </Link>
  )
}

function useMessagesEvents() {
  const queryClient = useQueryClient()
  useEffect(() => followLive(queryClient, messagesKey, changesConversations), [queryClient])
}
