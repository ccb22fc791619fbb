import { Link, useLocation } from 'wouter'
import { usePendingInvitations } from './members-queries.ts'
import './members.css'

/** The nav's link to the invitations waiting for an answer, with their count; shown while there are some. */
export function InvitationsLink() {
  const pending = usePendingInvitations()
  const [location] = useLocation()
  const count = pending.data?.length ?? 0
  const current = location === '/invitations'
  if (count === 0 && !current) return null
  return (
    <Link href="/invitations" className="nav-link" aria-current={current ? 'page' : undefined}>
      Invitations
      {count > 0 && (
        <span className="badge">
          <span className="visually-hidden">, </span>
          {count}
          <span className="visually-hidden"> waiting</span>
        </span>
      )}
    </Link>
  )
}
