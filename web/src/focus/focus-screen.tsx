import { useEffect, useState } from 'react'
import { Link } from 'wouter'
import { fieldMessage, formMessage } from '../api/problem.ts'
import { Field, FormMessage } from '../ui/field.tsx'
import { useNow } from '../ui/use-now.ts'
import { FocusNav } from './focus-nav.tsx'
import {
  type FocusSession,
  type FocusTarget,
  isOutdated,
  type TimerAction,
  useCurrentSession,
  useHistory,
  useStartSession,
  useTimerAction,
} from './focus-queries.ts'
import { SessionSummary, useTargetNames } from './session-summary.tsx'
import { TargetFields } from './target-fields.tsx'
import './focus.css'

const phaseNames = { work: 'Focus', short_break: 'Short break', long_break: 'Long break' } as const
const actionNames: Record<TimerAction, string> = {
  pause: 'Pause',
  resume: 'Resume',
  complete: 'Complete',
  abandon: 'Abandon',
}
const actions = Object.keys(actionNames) as TimerAction[]

const clock = (seconds: number) =>
  `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`

/** Seconds left in the phase, from the server's fields: a paused timer holds `remainingSeconds`, a running one ends at `phaseEndsAt`. */
function remaining(session: FocusSession, now: number) {
  if (session.status !== 'running' || !session.phaseEndsAt) return session.remainingSeconds
  return Math.max(0, Math.ceil((Date.parse(session.phaseEndsAt) - now) / 1000))
}

/** The current focus session (start, pause, resume, complete, abandon) and the last few sessions. */
export function FocusScreen() {
  const current = useCurrentSession()
  return (
    <main className="screen focus">
      <h1>Focus</h1>
      <FocusNav />
      <section aria-labelledby="timer-heading">
        <h2 id="timer-heading">Timer</h2>
        <FormMessage message={formMessage(current.error)} />
        {current.data ? (
          <Timer key={current.data.id} session={current.data} />
        ) : current.data === null ? (
          <StartForm />
        ) : null}
      </section>
      <History />
    </main>
  )
}

function StartForm() {
  const start = useStartSession()
  const [target, setTarget] = useState<FocusTarget>({})
  return (
    <form
      className="start-focus"
      onSubmit={(event) => {
        event.preventDefault()
        start.mutate(target)
      }}
      noValidate
    >
      <FormMessage message={formMessage(start.error)} />
      <TargetFields target={target} onChange={setTarget} error={start.error} />
      <button type="submit" className="primary" disabled={start.isPending}>
        Start focus
      </button>
    </form>
  )
}

const pauseReasons = ['Break', 'Interrupted', 'Meeting', 'Phone call', 'Lost focus']

function Timer({ session }: { session: FocusSession }) {
  const action = useTimerAction()
  const title = useTargetNames()(session)
  const [reason, setReason] = useState('')
  const now = useNow(session.status === 'running')
  const current = useCurrentSession()
  const left = remaining(session, now)
  // The phase ran out: the server moves the session on (next phase, or completed); read it again.
  const { refetch } = current
  useEffect(() => {
    if (session.status === 'running' && left === 0) void refetch()
  }, [session.status, left, refetch])
  const message = isOutdated(action.error)
    ? 'This session changed elsewhere, so it has been reloaded. Try again.'
    : formMessage(action.error)
  return (
    <div className="timer">
      <FormMessage message={message} />
      <p className="phase">
        {session.phase ? phaseNames[session.phase] : ''}
        {session.status === 'paused' ? ' · paused' : ''}
      </p>
      {title && <p className="muted task-focus">{`On: ${title}`}</p>}
      <p className="clock" role="timer" aria-label="Time left">
        {clock(left)}
      </p>
      {session.status === 'paused' && session.pauseReason && (
        <p className="muted pause-reason">{`Reason: ${session.pauseReason}`}</p>
      )}
      {session.allowedActions.includes('pause') && (
        <Field label="Pause reason (optional)" error={fieldMessage(action.error, 'reason')}>
          {(control) => (
            <>
              <input
                {...control}
                list="pause-reasons"
                maxLength={200}
                value={reason}
                onChange={(event) => setReason(event.target.value)}
              />
              <datalist id="pause-reasons">
                {pauseReasons.map((each) => (
                  <option key={each} value={each} />
                ))}
              </datalist>
            </>
          )}
        </Field>
      )}
      <div className="timer-actions">
        {actions
          .filter((name) => session.allowedActions.includes(name))
          .map((name) => (
            <button
              key={name}
              type="button"
              className={name === 'pause' || name === 'resume' ? 'primary' : undefined}
              disabled={action.isPending}
              onClick={() =>
                action.mutate({ session, action: name, reason: name === 'pause' ? reason.trim() : undefined })
              }
            >
              {actionNames[name]}
            </button>
          ))}
      </div>
    </div>
  )
}

function History() {
  const history = useHistory(5)
  const targetOf = useTargetNames()
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">Recent sessions</h2>
      <FormMessage message={formMessage(history.error)} />
      {history.data?.length === 0 && <p className="muted">No sessions yet.</p>}
      <ul className="history">
        {history.data?.map((session) => (
          <li key={session.id}>
            <SessionSummary session={session} target={targetOf(session)} />
          </li>
        ))}
      </ul>
      <p>
        <Link href="/focus/history">All sessions</Link>
      </p>
    </section>
  )
}
