import type { ReactNode } from 'react'
import { Link } from 'wouter'
import { formMessage } from '../api/problem.ts'
import { ReportButton } from '../moderation/report-dialog.tsx'
import { FormMessage } from '../ui/field.tsx'
import { type Connection, type ListName, useConnectionAction, useConnections } from './people-queries.ts'
import { personLabel } from './people-text.ts'

const day = (iso: string) => new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' })

type Act = ReturnType<typeof useConnectionAction>

/** One of my lists, newest first, a page at a time; each entry with its actions. */
export function ConnectionList({
  list,
  label,
  empty,
  since,
  actions,
}: {
  list: ListName
  label: string
  empty: string
  /** How the entry's date is said ("Friends since"). */
  since: string
  actions: (connection: Connection, name: string, act: Act) => ReactNode
}) {
  const pages = useConnections(list)
  const act = useConnectionAction()
  const items = pages.data?.pages.flatMap((page) => page.items) ?? []
  return (
    <>
      <FormMessage message={formMessage(pages.error ?? act.error)} />
      {pages.isSuccess && items.length === 0 && <p className="muted">{empty}</p>}
      <ul className="people-list" aria-label={label}>
        {items.map((connection) => {
          const name = personLabel(connection.user)
          return (
            <li key={connection.user.userId} className="people-item">
              <span className="people-name">
                <Link href={`/feed/people/${connection.user.userId}`}>{name}</Link>
              </span>
              <span className="muted">{`${since} ${day(connection.since)}`}</span>
              <span className="people-actions">
                {actions(connection, name, act)}
                {/* Someone I block cannot be reported (404): unblocked, they can. */}
                {list !== 'blocked' && (
                  <ReportButton target={{ type: 'user', id: connection.user.userId }} label={`Report ${name}`} />
                )}
              </span>
            </li>
          )
        })}
      </ul>
      {/* Held during a re-read of the pages too: the next page's read would cancel it. */}
      {pages.hasNextPage && (
        <button type="button" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetching}>
          Load more
        </button>
      )}
    </>
  )
}

/** An action button on a list's entry: the visible word, and the person it is about in its name. */
export function EntryButton({
  act,
  action,
  connection,
  label,
  primary = false,
  children,
}: {
  act: Act
  action: Parameters<Act['mutate']>[0]['action']
  connection: Connection
  label: string
  primary?: boolean
  children: string
}) {
  return (
    <button
      type="button"
      className={primary ? 'primary' : undefined}
      aria-label={label}
      disabled={act.isPending}
      onClick={() => act.mutate({ action, userId: connection.user.userId })}
    >
      {children}
    </button>
  )
}
