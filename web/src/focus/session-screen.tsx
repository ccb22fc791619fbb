import { formMessage } from '../api/problem.ts'
import { FormMessage } from '../ui/field.tsx'
import { FocusNav } from './focus-nav.tsx'
import { useSession } from './history-queries.ts'
import { duration, startTime, statusNames, useTargetNames } from './session-summary.tsx'
import { SharePanel } from './share-panel.tsx'
import './focus.css'

/** One of my sessions: what it was, its pauses and their reasons, and whom it is shared with. */
export function SessionScreen({ sessionId }: { sessionId: string }) {
  const session = useSession(sessionId)
  const targetOf = useTargetNames()
  const data = session.data
  return (
    <main className="screen focus focus-session">
      <h1>Focus session</h1>
      <FocusNav />
      <FormMessage message={formMessage(session.error)} />
      {data && (
        <>
          <section aria-labelledby="details-heading">
            <h2 id="details-heading">{startTime(data.startedAt)}</h2>
            <dl className="session-details">
              <dt>Status</dt>
              <dd>{data.kind === 'manual' ? 'Logged' : statusNames[data.status]}</dd>
              <dt>Focused</dt>
              <dd>{duration(data.focusedMinutes)}</dd>
              <dt>Pomodoros</dt>
              <dd>{data.pomodoros}</dd>
              {data.endedAt && (
                <>
                  <dt>Ended</dt>
                  <dd>{startTime(data.endedAt)}</dd>
                </>
              )}
              {targetOf(data) && (
                <>
                  <dt>On</dt>
                  <dd>{targetOf(data)}</dd>
                </>
              )}
              {data.note && (
                <>
                  <dt>Note</dt>
                  <dd>{data.note}</dd>
                </>
              )}
            </dl>
            {data.pauses.length > 0 && (
              <>
                <h3>Pauses</h3>
                <ul className="history">
                  {data.pauses.map((pause) => (
                    <li key={pause.startedAt}>
                      <span>{startTime(pause.startedAt)}</span>
                      <span>{pause.reason ?? 'No reason given'}</span>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
          <SharePanel sessionId={data.id} />
        </>
      )}
    </main>
  )
}
