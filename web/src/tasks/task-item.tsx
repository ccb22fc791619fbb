import { type FormEvent, type ReactNode, useCallback, useState } from 'react'
import { Link } from 'wouter'
import { fieldMessage } from '../api/problem.ts'
import { Field } from '../ui/field.tsx'
import { useShortcut } from '../ui/use-shortcut.ts'
import { isPending, type Task, useCompleteTask, useRenameTask } from './task-queries.ts'
import './task-lists.css'

const dueFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' })

function dueLabel(task: Task) {
  if (!task.due) return undefined
  const [year, month, day] = task.due.slice(0, 10).split('-').map(Number)
  return dueFormat.format(new Date(year, month - 1, day))
}

/**
 * One task: complete it, open it (its title links to its detail), or edit its title in place (Enter
 * saves, Escape cancels). A list in manual order puts its Move `handle` first.
 */
export function TaskItem({
  task,
  projectName,
  handle,
  dragging = false,
}: {
  task: Task
  projectName?: string
  handle?: ReactNode
  dragging?: boolean
}) {
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
    <li
      className={['task', done && 'done', dragging && 'dragging'].filter(Boolean).join(' ')}
      aria-busy={pending}
      data-task-id={task.id}
    >
      {handle}
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
            {pending ? (
              <span className="task-title">{task.title}</span>
            ) : (
              <Link href={`/tasks/${task.id}`} className="task-title">
                {task.title}
              </Link>
            )}
            {projectName && <span className="task-project">{projectName}</span>}
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

export function TaskList({
  tasks,
  empty,
  projectNames,
}: {
  tasks: Task[] | undefined
  empty: string
  projectNames?: Map<string, string>
}) {
  if (!tasks) return <p className="muted">Loading…</p>
  if (tasks.length === 0) return <p className="muted">{empty}</p>
  return (
    <ul className="tasks">
      {tasks.map((task) => (
        <TaskItem key={task.id} task={task} projectName={projectNames?.get(task.projectId)} />
      ))}
    </ul>
  )
}

const taskLinks = () => [...document.querySelectorAll<HTMLElement>('li.task[data-task-id] a.task-title')]
const focusedRow = () => document.activeElement?.closest('li.task[data-task-id]')

/** Moves the focus `step` tasks down (up when negative) the screen's lists, from the focused one. */
function focusTask(step: number) {
  const links = taskLinks()
  if (links.length === 0) return
  const row = focusedRow()
  const current = links.findIndex((link) => link.closest('li') === row)
  const next = current === -1 ? (step > 0 ? 0 : links.length - 1) : current + step
  links[Math.max(0, Math.min(next, links.length - 1))]?.focus()
}

/** Completes the focused task and focuses the next one (the previous at the end), as the row leaves. */
function completeFocused() {
  const row = focusedRow()
  const complete = row?.querySelector<HTMLInputElement>('input.complete:not(:disabled)')
  if (!complete) return
  const links = taskLinks()
  const current = links.findIndex((link) => link.closest('li') === row)
  complete.click()
  ;(links[current + 1] ?? links[current - 1])?.focus()
}

/** `j`/`k` move the focus between the screen's tasks and `x` completes the focused one (Gmail's and Todoist's keys). */
export function useTaskKeys() {
  useShortcut(
    'j',
    useCallback(() => focusTask(1), []),
  )
  useShortcut(
    'k',
    useCallback(() => focusTask(-1), []),
  )
  useShortcut('x', completeFocused)
}
