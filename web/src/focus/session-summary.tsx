import { Link } from 'wouter'
import { type FocusSession, useHabitNames, useTaskNames } from './focus-queries.ts'

export const statusNames: Record<FocusSession['status'], string> = {
  running: 'Running',
  paused: 'Paused',
  completed: 'Completed',
  abandoned: 'Abandoned',
}

type Target = Pick<FocusSession, 'taskId' | 'habitId'>

/** Names what a session was on: its task's title or its habit's name (unknown ones, e.g. deleted, name none). */
export function useTargetNames() {
  const tasks = useTaskNames()
  const habits = useHabitNames()
  return (session: Target) =>
    (session.taskId && tasks.get(session.taskId)) || (session.habitId && habits.get(session.habitId)) || undefined
}

export const startTime = (startedAt: string) =>
  new Date(startedAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })

/** Minutes as people read them: "25 min", "1 h 5 min". */
export function duration(minutes: number) {
  const hours = Math.floor(minutes / 60)
  return hours ? `${hours} h${minutes % 60 ? ` ${minutes % 60} min` : ''}` : `${minutes} min`
}

/** One line of a session list: when (a link to the session), its status, time focused, and what it was on. */
export function SessionSummary({ session, target }: { session: FocusSession; target?: string }) {
  return (
    <>
      <Link href={`/focus/sessions/${session.id}`}>{startTime(session.startedAt)}</Link>
      <span>{session.kind === 'manual' ? 'Logged' : statusNames[session.status]}</span>
      <span className="muted">{duration(session.focusedMinutes)}</span>
      {target && <span>{target}</span>}
    </>
  )
}
