import { formMessage } from '../api/problem.ts'
import type { User } from '../api/session.ts'
import { FormMessage, TextField } from '../ui/field.tsx'
import { FocusNav } from './focus-nav.tsx'
import { duration, startTime, statusNames } from './session-summary.tsx'
import { useSharedWithMe } from './sharing-queries.ts'
import './focus.css'

/** Sessions others shared with me, read-only, and my user id, which they share with. */
export function SharedWithMeScreen({ user }: { user: User }) {
  const shared = useSharedWithMe()
  const sessions = shared.data?.pages.flatMap((page) => page.items) ?? []
  return (
    <main className="screen focus focus-shared">
      <h1>Shared with me</h1>
      <FocusNav />
      <section aria-labelledby="my-id-heading">
        <h2 id="my-id-heading">Your user id</h2>
        <TextField
          label="Give this id to whoever shares a session with you"
          readOnly
          value={user.id}
          onFocus={(event) => event.target.select()}
        />
      </section>
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
              <span className="muted owner">{`From ${session.ownerId}`}</span>
            </li>
          ))}
        </ul>
        {shared.hasNextPage && (
          <button type="button" onClick={() => void shared.fetchNextPage()} disabled={shared.isFetchingNextPage}>
            Load more
          </button>
        )}
      </section>
    </main>
  )
}
