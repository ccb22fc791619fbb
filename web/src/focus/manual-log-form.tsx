import { type FormEvent, useState } from 'react'
import { fieldMessage, formMessage } from '../api/problem.ts'
import { FormMessage, TextField } from '../ui/field.tsx'
import type { FocusTarget } from './focus-queries.ts'
import { useLogSession } from './history-queries.ts'
import { TargetFields } from './target-fields.tsx'

/** A Date as a datetime-local input holds it: the browser's wall clock, to the minute. */
function wallClock(date: Date) {
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000)
  return local.toISOString().slice(0, 16)
}

/**
 * The span the API takes from a start (the browser's wall clock) and a duration in minutes. What
 * does not parse goes as typed, so the API's message names the field.
 */
function span(start: string, minutes: string) {
  const startedAt = new Date(start)
  if (Number.isNaN(startedAt.getTime())) return { startedAt: start, endedAt: start }
  const endedAt = new Date(startedAt.getTime() + (Number(minutes) || 0) * 60_000)
  return { startedAt: startedAt.toISOString(), endedAt: endedAt.toISOString() }
}

/** Log a session done without the timer: when it started, how long, on what, a note. */
export function ManualLogForm() {
  const log = useLogSession()
  const [start, setStart] = useState(() => wallClock(new Date(Date.now() - 3_600_000)))
  const [minutes, setMinutes] = useState('25')
  const [target, setTarget] = useState<FocusTarget>({})
  const [note, setNote] = useState('')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    log.mutate(
      {
        ...span(start, minutes),
        ...target,
        ...(note.trim() ? { note: note.trim() } : {}),
      },
      { onSuccess: () => setNote('') },
    )
  }
  return (
    <form className="log-session" onSubmit={submit} noValidate>
      <FormMessage message={formMessage(log.error)} />
      <TextField
        label="Started at"
        type="datetime-local"
        value={start}
        onChange={(event) => setStart(event.target.value)}
        error={fieldMessage(log.error, 'startedAt')}
      />
      <TextField
        label="Duration (minutes)"
        type="number"
        inputMode="numeric"
        value={minutes}
        onChange={(event) => setMinutes(event.target.value)}
        error={fieldMessage(log.error, 'endedAt')}
      />
      <TargetFields target={target} onChange={setTarget} error={log.error} />
      <TextField
        label="Note (optional)"
        value={note}
        onChange={(event) => setNote(event.target.value)}
        error={fieldMessage(log.error, 'note')}
      />
      <button type="submit" className="primary" disabled={log.isPending}>
        Log session
      </button>
      <p className="muted" role="status">
        {log.isSuccess ? 'Logged.' : ''}
      </p>
    </form>
  )
}
