import { type FormEvent, useState } from 'react'
import { Link } from 'wouter'
import { fieldMessage, formMessage } from '../api/problem.ts'
import { FormMessage, TextField } from '../ui/field.tsx'
import { useAddSubtask, useCompleteSubtask, useSubtasks } from './task-detail-queries.ts'
import type { Task } from './task-queries.ts'

/** The task's subtasks: each opens as a task of its own; complete one, or add one. */
export function Subtasks({ parent }: { parent: Task }) {
  const subtasks = useSubtasks(parent.id)
  const add = useAddSubtask(parent)
  const complete = useCompleteSubtask(parent.id)
  const [title, setTitle] = useState('')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    add.mutate(title, { onSuccess: () => setTitle('') })
  }
  return (
    <section className="subtasks" aria-labelledby="subtasks-heading">
      <h2 id="subtasks-heading">Subtasks</h2>
      <FormMessage message={formMessage(complete.error) ?? formMessage(subtasks.error)} />
      {subtasks.data?.length === 0 && <p className="muted">No subtasks.</p>}
      {subtasks.data && subtasks.data.length > 0 && (
        <ul className="tasks">
          {subtasks.data.map((subtask) => {
            const done = subtask.status === 'done'
            return (
              <li key={subtask.id} className={done ? 'task done' : 'task'}>
                <input
                  type="checkbox"
                  className="complete"
                  aria-label={`Complete ${subtask.title}`}
                  checked={done}
                  disabled={done || subtask.status === 'cancelled'}
                  onChange={() => complete.mutate(subtask)}
                />
                <Link href={`/tasks/${subtask.id}`} className="task-title">
                  {subtask.title}
                </Link>
              </li>
            )
          })}
        </ul>
      )}
      <form className="add-task" onSubmit={submit} noValidate>
        <FormMessage message={formMessage(add.error)} />
        <TextField
          label="New subtask"
          value={title}
          onChange={(event) => setTitle(event.target.value)}
          error={fieldMessage(add.error, 'title')}
        />
        <button type="submit" disabled={add.isPending}>
          Add subtask
        </button>
      </form>
    </section>
  )
}
