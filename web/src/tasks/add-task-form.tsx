import { type FormEvent, type RefObject, useState } from 'react'
import { fieldMessage, formMessage } from '../api/problem.ts'
import { FormMessage, TextField } from '../ui/field.tsx'
import { PriorityField } from './priority-field.tsx'
import { type Priority, type TaskFilter, useCreateTask } from './task-queries.ts'

/**
 * Adds a task to the list `into` shows. Quick add (Today) asks only for a title and makes it due
 * `due`; the full form (a project) asks for priority and due date too.
 */
export function AddTaskForm({
  into,
  due,
  projectId,
  full = false,
  inputRef,
}: {
  into: TaskFilter
  due?: string
  projectId?: string
  full?: boolean
  inputRef?: RefObject<HTMLInputElement | null>
}) {
  const create = useCreateTask(into)
  const [title, setTitle] = useState('')
  const [priority, setPriority] = useState<Priority>('none')
  const [dueDate, setDueDate] = useState('')

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const task = {
      title,
      ...(projectId ? { projectId } : {}),
      ...(full ? { priority, ...(dueDate ? { due: dueDate } : {}) } : due ? { due } : {}),
    }
    create.mutate(task, {
      onSuccess: () => {
        setTitle('')
        setDueDate('')
        setPriority('none')
      },
    })
  }

  return (
    <form className={full ? 'add-task full' : 'add-task'} onSubmit={submit} noValidate>
      <FormMessage message={formMessage(create.error)} />
      <TextField
        label={full ? 'New task' : 'Quick add (press q)'}
        placeholder="What needs doing?"
        ref={inputRef}
        value={title}
        onChange={(event) => setTitle(event.target.value)}
        error={fieldMessage(create.error, 'title')}
      />
      {full && (
        <>
          <PriorityField value={priority} onChange={setPriority} error={fieldMessage(create.error, 'priority')} />
          <TextField
            label="Due"
            type="date"
            value={dueDate}
            onChange={(event) => setDueDate(event.target.value)}
            error={fieldMessage(create.error, 'due')}
          />
        </>
      )}
      <button type="submit" className="primary">
        Add
      </button>
    </form>
  )
}
