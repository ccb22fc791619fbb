import { type FormEvent, useState } from 'react'
import { fieldMessage } from '../api/problem.ts'
import { Field } from '../ui/field.tsx'
import { isPending, type Task, useCompleteTask, useRenameTask } from './task-queries.ts'

const dueFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' })

function dueLabel(task: Task) {
  if (!task.due) return undefined
  const [year, month, day] = task.due.slice(0, 10).split('-').map(Number)
  return dueFormat.format(new Date(year, month - 1, day))
}

/** One open task: complete it, or edit its title in place (Enter saves, Escape cancels). */
export function TaskItem({ task }: { task: Task }) {
  const complete = useCompleteTask()
  const rename = useRenameTask()
  const [editing, setEditing] = useState(false)
  const [title, setTitle] = useState(task.title)
  const pending = isPending(task)
  const done = task.status === 'done'

  const save = (event: FormEvent) => {
    event.preventDefault()
    rename.mutate({ task, title }, { onSuccess: () => setEditing(false) })
  }
  const error = fieldMessage(rename.error, 'title') ?? (rename.error ? rename.error.message : undefined)

  return (
    <li className={done ? 'task done' : 'task'} aria-busy={pending}>
      <input
        type="checkbox"
        className="complete"
        aria-label={`Complete ${task.title}`}
        disabled={pending || done}
        checked={done}
        onChange={() => complete.mutate(task)}
      />
      {editing ? (
        <form className="task-edit" onSubmit={save}>
          <Field label="Title" error={error}>
            {(control) => (
              <input
                {...control}
                value={title}
                // biome-ignore lint/a11y/noAutofocus: the field opened by the Edit button takes the focus
                autoFocus
                onChange={(event) => setTitle(event.target.value)}
                onKeyDown={(event) => {
                  if (event.key === 'Escape') {
                    setEditing(false)
                    setTitle(task.title)
                    rename.reset()
                  }
                }}
              />
            )}
          </Field>
          <button type="submit">Save</button>
        </form>
      ) : (
        <>
          <span className="task-main">
            <span className="task-title">{task.title}</span>
            {task.priority !== 'none' && <span className={`priority priority-${task.priority}`}>{task.priority}</span>}
            {task.due && <span className="due">{dueLabel(task)}</span>}
            {complete.error && (
              <span className="form-error" role="alert">
                {complete.error.message}
              </span>
            )}
          </span>
          <button
            type="button"
            className="quiet"
            disabled={pending}
            aria-label={`Edit ${task.title}`}
            onClick={() => {
              setTitle(task.title)
              setEditing(true)
            }}
          >
            Edit
          </button>
        </>
      )}
    </li>
  )
}

export function TaskList({ tasks, empty }: { tasks: Task[] | undefined; empty: string }) {
  if (!tasks) return <p className="muted">Loading…</p>
  if (tasks.length === 0) return <p className="muted">{empty}</p>
  return (
    <ul className="tasks">
      {tasks.map((task) => (
        <TaskItem key={task.id} task={task} />
      ))}
    </ul>
  )
}
