// My reminders on a task (task-service's GET/PUT /tasks/{id}/reminders: personal, up to 5, each
// `{ at }` an instant or `{ before }` minutes before the due). A PUT replaces the whole list: the list
// shows the change at once and goes back, with the API's message by what it names, when refused.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { api } from '../api/client.ts'
import { fieldMessage, formMessage, unwrap } from '../api/problem.ts'
import { Field, FormMessage, TextField } from '../ui/field.tsx'
import type { Task } from './task-queries.ts'
import {
  beforePresets,
  beforeText,
  instantOf,
  maxBefore,
  type Reminder,
  reminderText,
  sameReminder,
} from './task-reminders-text.ts'
import './task-reminders.css'

/** The most reminders one user keeps on a task (the API's). */
const maxReminders = 5

// Apart from ['task', id] (the form's) and the ['tasks'] lists: nothing else writes them.
const remindersKey = (taskId: string) => ['task-reminders', taskId] as const

/** What a save sends: the whole new list, and the one being added (its refusal shows under the add form). */
interface Change {
  reminders: Reminder[]
  added?: Reminder
}

function useReminders(taskId: string) {
  return useQuery({
    queryKey: remindersKey(taskId),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/tasks/{taskId}/reminders', { params: { path: { taskId } } })).reminders,
  })
}

function useSetReminders(taskId: string) {
  const queryClient = useQueryClient()
  const key = remindersKey(taskId)
  return useMutation({
    mutationFn: async ({ reminders }: Change) =>
      unwrap(await api.PUT('/api/v1/tasks/{taskId}/reminders', { params: { path: { taskId } }, body: { reminders } })),
    onMutate: async ({ reminders }) => {
      await queryClient.cancelQueries({ queryKey: key })
      const before = queryClient.getQueryData<Reminder[]>(key)
      queryClient.setQueryData<Reminder[]>(key, reminders)
      return () => queryClient.setQueryData(key, before)
    },
    onError: (_error, _change, undo) => undo?.(),
    onSuccess: (saved) => queryClient.setQueryData(key, saved.reminders),
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  })
}

/** The task's "Reminders" section: mine, each said humanly, removed one by one, and the form adding one. */
export function TaskReminders({ task }: { task: Task }) {
  const reminders = useReminders(task.id)
  const save = useSetReminders(task.id)
  const list = reminders.data ?? []
  // The message the API gave for a reminder of the list it refused (by its place in that list).
  const messageFor = (reminder: Reminder) => {
    const sent = save.variables?.reminders ?? []
    const index = sent.findIndex((each) => sameReminder(each, reminder))
    if (index < 0 || !save.isError) return undefined
    return fieldMessage(save.error, `reminders/${index}/before`) ?? fieldMessage(save.error, `reminders/${index}/at`)
  }
  return (
    <section className="task-reminders" aria-labelledby="reminders-heading">
      <h2 id="reminders-heading">Reminders</h2>
      <FormMessage message={formMessage(save.error) ?? formMessage(reminders.error)} />
      {reminders.data?.length === 0 && <p className="muted">No reminders.</p>}
      {list.length > 0 && (
        <ul className="reminder-list">
          {list.map((reminder) => {
            const text = reminderText(reminder)
            const message = messageFor(reminder)
            const inert = 'before' in reminder && !task.dueAt
            return (
              <li key={JSON.stringify(reminder)} className="reminder">
                <span className="reminder-text">
                  {text}
                  {inert && <span className="muted"> (needs a due date)</span>}
                </span>
                <button
                  type="button"
                  aria-label={`Remove reminder: ${text}`}
                  disabled={save.isPending}
                  onClick={() => save.mutate({ reminders: list.filter((each) => each !== reminder) })}
                >
                  Remove
                </button>
                {message && <p className="field-error">{message}</p>}
              </li>
            )
          })}
        </ul>
      )}
      {reminders.data && <AddReminder task={task} reminders={reminders.data} save={save} />}
    </section>
  )
}

type Choice = `${number}` | 'custom' | 'at'

function AddReminder({
  task,
  reminders,
  save,
}: {
  task: Task
  reminders: Reminder[]
  save: ReturnType<typeof useSetReminders>
}) {
  const hasDue = Boolean(task.dueAt)
  const [choice, setChoice] = useState<Choice>(hasDue ? '15' : 'at')
  const [minutes, setMinutes] = useState('')
  const [at, setAt] = useState('')
  const [problem, setProblem] = useState<{ field: 'choice' | 'minutes' | 'at'; message: string }>()
  // A choice of "before" once the due is gone (saved without one above) is no choice any more.
  const current: Choice = !hasDue && choice !== 'at' ? 'at' : choice
  const full = reminders.length >= maxReminders

  // The API's message for the reminder being added: the last of the list sent.
  const added = save.isError && save.variables?.added ? save.variables.reminders.length - 1 : -1
  const apiMessage = (field: 'before' | 'at') =>
    added < 0 ? undefined : fieldMessage(save.error, `reminders/${added}/${field}`)
  const messageOf = (field: 'choice' | 'minutes' | 'at') => (problem?.field === field ? problem.message : undefined)

  const read = (): Reminder | string => {
    if (current === 'at') return instantOf(at) ? { at: instantOf(at)! } : 'Enter a date and a time.'
    const before = current === 'custom' ? Number(minutes) : Number(current)
    if (minutes.trim() === '' && current === 'custom') return `Enter the minutes before the due, 0 to ${maxBefore}.`
    if (!Number.isInteger(before) || before < 0 || before > maxBefore)
      return `Enter whole minutes from 0 to ${maxBefore} (a week).`
    return { before }
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const reminder = read()
    const field = current === 'at' ? 'at' : current === 'custom' ? 'minutes' : 'choice'
    if (typeof reminder === 'string') return setProblem({ field, message: reminder })
    if (reminders.some((each) => sameReminder(each, reminder)))
      return setProblem({ field, message: 'You already have this reminder.' })
    setProblem(undefined)
    save.mutate(
      { reminders: [...reminders, reminder], added: reminder },
      {
        onSuccess: () => {
          setMinutes('')
          setAt('')
        },
      },
    )
  }
  const beforeMessage = apiMessage('before')
  return (
    <form className="add-reminder" onSubmit={submit} noValidate>
      <Field label="Remind me" error={messageOf('choice') ?? (/^\d+$/.test(current) ? beforeMessage : undefined)}>
        {(control) => (
          <select {...control} value={current} onChange={(event) => setChoice(event.target.value as Choice)}>
            <optgroup label={hasDue ? 'Before the due' : 'Before the due (the task has no due date)'}>
              {beforePresets.map((preset) => (
                <option key={preset} value={preset} disabled={!hasDue}>
                  {beforeText(preset)}
                </option>
              ))}
              <option value="custom" disabled={!hasDue}>
                Minutes before…
              </option>
            </optgroup>
            <option value="at">At a date and time…</option>
          </select>
        )}
      </Field>
      {!hasDue && <p className="muted hint">This task has no due date: set one above to be reminded before it.</p>}
      {current === 'custom' && (
        <TextField
          label="Minutes before"
          type="number"
          inputMode="numeric"
          min={0}
          max={maxBefore}
          value={minutes}
          onChange={(event) => setMinutes(event.target.value)}
          error={messageOf('minutes') ?? beforeMessage}
        />
      )}
      {current === 'at' && (
        <TextField
          label="Date and time"
          type="datetime-local"
          value={at}
          onChange={(event) => setAt(event.target.value)}
          error={messageOf('at') ?? apiMessage('at')}
        />
      )}
      <button type="submit" disabled={save.isPending || full}>
        Add reminder
      </button>
      {full && <p className="muted hint">You have the most reminders a task takes ({maxReminders}).</p>}
    </form>
  )
}
