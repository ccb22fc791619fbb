import { useEffect, useState } from 'react'
import { formMessage } from '../api/problem.ts'
import { Field, FormMessage } from '../ui/field.tsx'
import {
  type FocusSession,
  isOutdated,
  type TimerAction,
  useCurrentSession,
  useHistory,
  useOpenTasks,
  useStartSession,
  useTimerAction,
} from './focus-queries.ts'

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

/** The time now, again every second while `ticking`. */
function useNow(ticking: boolean) {
  const [now, setNow] = useState(Date.now)
  useEffect(() => {
    if (!ticking) return
    setNow(Date.now())
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [ticking])
  return now
}

/** The current focus session (start, pause, resume, complete, abandon) and the last few sessions. */
export function FocusScreen() {
  const current = useCurrentSession()
  return (
    <main className="screen focus">
      <h1>Focus</h1>
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
  const tasks = useOpenTasks()
  const start = useStartSession()
  const [taskId, setTaskId] = useState('')
  return (
    <form
      className="start-focus"
      onSubmit={(event) => {
        event.preventDefault()
        start.mutate(taskId || undefined)
      }}
      noValidate
    >
      <FormMessage message={formMessage(start.error ?? tasks.error)} />
      <Field label="Task (optional)">
        {(control) => (
          <select {...control} value={taskId} onChange={(event) => setTaskId(event.target.value)}>
            <option value="">No task</option>
            {tasks.data?.map((task) => (
              <option key={task.id} value={task.id}>
                {task.title}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit" className="primary" disabled={start.isPending}>
        Start focus
      </button>
    </form>
  )
}

/** The title of each open task by id (a session on a finished task shows none). */
function useTaskTitles() {
  const tasks = useOpenTasks()
  return new Map(tasks.data?.map((task) => [task.id, task.title]))
}

function Timer({ session }: { session: FocusSession }) {
  const action = useTimerAction()
  const titles = useTaskTitles()
  const title = session.taskId ? titles.get(session.taskId) : undefined
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
      <div className="timer-actions">
        {actions
          .filter((name) => session.allowedActions.includes(name))
          .map((name) => (
            <button
              key={name}
              type="button"
              className={name === 'pause' || name === 'resume' ? 'primary' : undefined}
              disabled={action.isPending}
              onClick={() => action.mutate({ session, action: name })}
            >
              {actionNames[name]}
            </button>
          ))}
      </div>
    </div>
  )
}

const statusNames: Record<FocusSession['status'], string> = {
  running: 'Running',
  paused: 'Paused',
  completed: 'Completed',
  abandoned: 'Abandoned',
}

function History() {
  const history = useHistory(5)
  const titles = useTaskTitles()
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">Recent sessions</h2>
      <FormMessage message={formMessage(history.error)} />
      {history.data?.length === 0 && <p className="muted">No sessions yet.</p>}
      <ul className="history">
        {history.data?.map((session) => (
          <li key={session.id}>
            <span>
              {new Date(session.startedAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}
            </span>
            <span>{statusNames[session.status]}</span>
            <span className="muted">{`${session.focusedMinutes} min`}</span>
            {session.taskId && titles.has(session.taskId) && <span>{titles.get(session.taskId)}</span>}
          </li>
        ))}
      </ul>
    </section>
  )
}
