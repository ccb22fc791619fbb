import { useState } from 'react'
import { formMessage, ProblemError } from '../api/problem.ts'
import { FormMessage, TextField } from '../ui/field.tsx'
import { FocusNav } from './focus-nav.tsx'
import { type HistoryFilter, useHistoryPages } from './history-queries.ts'
import { ManualLogForm } from './manual-log-form.tsx'
import { SessionSummary, useTargetNames } from './session-summary.tsx'
import './focus.css'

/** The instant a browser-local day (YYYY-MM-DD) starts, `days` later; undefined when none is chosen. */
function dayStart(day: string, days = 0) {
  if (!day) return undefined
  const start = new Date(`${day}T00:00`)
  start.setDate(start.getDate() + days)
  return start.toISOString()
}

/** The API's message for a query parameter (its errors[] name `/querystring/<name>`). */
const queryMessage = (error: unknown, name: string) =>
  error instanceof ProblemError
    ? error.problem.errors?.find((each) => each.field === `/querystring/${name}`)?.message
    : undefined

/** Every session, newest first, a page at a time, between two days if chosen; and logging a past one. */
export function HistoryScreen() {
  const [fromDay, setFromDay] = useState('')
  const [toDay, setToDay] = useState('')
  const filter: HistoryFilter = { from: dayStart(fromDay), to: dayStart(toDay, 1) }
  const history = useHistoryPages(filter)
  const targetOf = useTargetNames()
  const sessions = history.data?.pages.flatMap((page) => page.items) ?? []
  return (
    <main className="screen focus focus-history">
      <h1>Focus history</h1>
      <FocusNav />
      <section aria-labelledby="log-heading">
        <h2 id="log-heading">Log a session</h2>
        <ManualLogForm />
      </section>
      <section aria-labelledby="sessions-heading" className="history-list">
        <h2 id="sessions-heading">Sessions</h2>
        <div className="history-filter">
          <TextField
            label="From"
            type="date"
            value={fromDay}
            onChange={(event) => setFromDay(event.target.value)}
            error={queryMessage(history.error, 'from')}
          />
          <TextField
            label="To"
            type="date"
            value={toDay}
            onChange={(event) => setToDay(event.target.value)}
            error={queryMessage(history.error, 'to')}
          />
        </div>
        <FormMessage message={formMessage(history.error)} />
        {history.isSuccess && sessions.length === 0 && <p className="muted">No sessions in this range.</p>}
        <ul className="history">
          {sessions.map((session) => (
            <li key={session.id}>
              <SessionSummary session={session} target={targetOf(session)} />
            </li>
          ))}
        </ul>
        {/* Held during a re-read of the pages too: the next page's read would cancel it, and a change with it. */}
        {history.hasNextPage && (
          <button type="button" onClick={() => void history.fetchNextPage()} disabled={history.isFetching}>
            Load more
          </button>
        )}
      </section>
    </main>
  )
}
