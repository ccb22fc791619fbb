import { formMessage } from '../api/problem.ts'
import { FormMessage } from '../ui/field.tsx'
import { personName } from '../ui/person-name.ts'
import { FocusNav } from './focus-nav.tsx'
import { duration, startTime, statusNames } from './session-summary.tsx'
import { useSharedWithMe } from './sharing-queries.ts'
import './focus.css'

type SharedSession = NonNullable<ReturnType<typeof useSharedWithMe>['data']>['pages'][number]['items'][number]

/**
 * Who shared a session: their display name, or the end of their id while focus-service has not yet
 * heard of their profile (as a project's members are named, members/member-name.ts).
 */
const ownerName = (session: SharedSession) => personName(session.ownerName, session.ownerId, 'someone')

/** Sessions others shared with me (by my e-mail), read-only, each with who shared it. */
export function SharedWithMeScreen() {
  const shared = useSharedWithMe()
  const sessions = shared.data?.pages.flatMap((page) => page.items) ?? []
  return (
    <main className="screen focus focus-shared">
      <h1>Shared with me</h1>
      <FocusNav />
      <section aria-labelledby="shared-heading">
        <h2 id="shared-heading">Sessions shared with you</h2>
        <FormMessage message={formMessage(shared.error)} />
        {shared.isSuccess && sessions.length === 0 && (
          <p className="muted">Nobody has shared a session with you yet.</p>
        )}
        <ul className="history">
          {sessions.map((session) => (
            <li key={session.id}>
              <span>{startTime(session.startedAt)}</span>
              <span>{session.kind === 'manual' ? 'Logged' : statusNames[session.status]}</span>
              <span className="muted">{duration(session.focusedMinutes)}</span>
              <span className="muted owner">{`From ${ownerName(session)}`}</span>
            </li>
          ))}
        </ul>
        {/* Held while the pages are read again too, as the history's (history-screen.tsx). */}
        {shared.hasNextPage && (
          <button type="button" onClick={() => void shared.fetchNextPage()} disabled={shared.isFetching}>
            Load more
          </button>
        )}
      </section>
    </main>
  )
}
