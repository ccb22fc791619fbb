// The public page of a session shared by link (/shared/:token): no sign-in, read-only, the link's
// token passed to GET /focus/public/{token}. A revoked, expired or unknown link says so plainly.
import { useQuery } from '@tanstack/react-query'
import { Link } from 'wouter'
import { api } from '../api/client.ts'
import { ProblemError, unwrap } from '../api/problem.ts'
import './shared.css'

const when = (instant: string) =>
  new Date(instant).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
const capitalized = (word: string) => word.charAt(0).toUpperCase() + word.slice(1).replace('_', ' ')

/** Why a link shows nothing: the API's 410 says revoked or expired; anything else 4xx is a link that never was. */
function unavailable(error: unknown) {
  if (!(error instanceof ProblemError)) return 'FocusHub could not be reached. Check your connection and try again.'
  if (error.problem.code === 'link-revoked') return 'Its owner revoked this link.'
  if (error.problem.code === 'link-expired') return 'This link has expired.'
  if (error.problem.status < 500) return 'This link is not valid.'
  return error.message
}

export function PublicSessionScreen({ token }: { token: string }) {
  const shared = useQuery({
    queryKey: ['public-session', token],
    queryFn: async () => unwrap(await api.GET('/api/v1/focus/public/{token}', { params: { path: { token } } })),
    retry: (count, error) => !(error instanceof ProblemError && error.problem.status < 500) && count < 1,
  })
  const session = shared.data
  return (
    <main className="screen public-session">
      <p className="brand">FocusHub</p>
      <h1>Shared focus session</h1>
      {shared.isError && (
        <div role="alert" className="unavailable">
          <p>
            <strong>This session is not available.</strong>
          </p>
          <p>{unavailable(shared.error)}</p>
        </div>
      )}
      {session && (
        <dl className="public-details">
          <dt>Started</dt>
          <dd>{when(session.startedAt)}</dd>
          {session.endedAt && (
            <>
              <dt>Ended</dt>
              <dd>{when(session.endedAt)}</dd>
            </>
          )}
          <dt>Status</dt>
          <dd>{`${capitalized(session.status)}${session.phase ? ` · ${capitalized(session.phase)}` : ''}`}</dd>
          <dt>Focused</dt>
          <dd>{`${session.focusedMinutes} min`}</dd>
          <dt>Pomodoros</dt>
          <dd>{session.pomodoros}</dd>
          <dt>Link expires</dt>
          <dd>{when(session.linkExpiresAt)}</dd>
        </dl>
      )}
      <p className="muted">
        <Link href="/">Open FocusHub</Link>
      </p>
    </main>
  )
}
