import { type FormEvent, useState } from 'react'
import { fieldMessage } from '../api/problem.ts'
import { Field, TextField } from '../ui/field.tsx'
import { LabelsPicker } from './labels-picker.tsx'
import { PriorityField } from './priority-field.tsx'
import { type FieldProblem, noRecurrence, parseRule, type RecurrenceDraft, readDraft, toRrule } from './recurrence.ts'
import { RecurrenceEditor } from './recurrence-editor.tsx'
import type { TaskChange, useSaveTask } from './task-detail-queries.ts'
import { type Priority, type Task, useProjects } from './task-queries.ts'

/** The due date and time of day (HH:MM, or '' for all day) on the wall clock of `timezone`. */
export function localDue(task: Pick<Task, 'due' | 'dueAt' | 'allDay'>, timezone: string) {
  if (!task.due || !task.dueAt) return { date: '', time: '' }
  if (task.allDay) return { date: task.due.slice(0, 10), time: '' }
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(task.dueAt))
      .map((part) => [part.type, part.value]),
  )
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` }
}

/** As the API reads `due`: a day, or a day and time without offset, read in the user's timezone. */
const dueValue = (date: string, time: string) => (date ? (time ? `${date}T${time}` : date) : null)

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((each) => b.includes(each))

/** Two drafts that say the same: equal fields, or both no recurrence whatever their hidden fields hold. */
const sameRecurrence = (draft: RecurrenceDraft, saved: RecurrenceDraft | null) =>
  (draft.frequency === 'none' && saved?.frequency === 'none') || JSON.stringify(draft) === JSON.stringify(saved)

/** The task's fields; a save sends what changed, with the version read. */
export function TaskDetailForm({
  task,
  timezone,
  save,
}: {
  task: Task
  timezone: string
  save: ReturnType<typeof useSaveTask>
}) {
  const savedDue = localDue(task, timezone)
  const savedRecurrence = task.recurrence ? parseRule(task.recurrence.rrule, task.recurrence.from) : noRecurrence
  const [title, setTitle] = useState(task.title)
  const [description, setDescription] = useState(task.description)
  const [priority, setPriority] = useState<Priority>(task.priority)
  const [dueDate, setDueDate] = useState(savedDue.date)
  const [dueTime, setDueTime] = useState(savedDue.time)
  const [labelIds, setLabelIds] = useState(task.labelIds)
  const [recurrence, setRecurrence] = useState<RecurrenceDraft | null>(savedRecurrence)
  const [problems, setProblems] = useState<FieldProblem[]>([])
  const [projectId, setProjectId] = useState(task.projectId)
  const projects = useProjects()
  // Where the task may go: the projects the user writes tasks in, and where it is.
  const destinations = projects.data?.filter((each) => each.role !== 'viewer' || each.id === task.projectId) ?? []

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const change: Omit<TaskChange, 'version'> = {}
    if (title !== task.title) change.title = title
    if (description !== task.description) change.description = description
    if (priority !== task.priority) change.priority = priority
    if (projectId !== task.projectId) change.projectId = projectId
    if (dueDate !== savedDue.date || (dueDate && dueTime !== savedDue.time)) change.due = dueValue(dueDate, dueTime)
    if (!sameSet(labelIds, task.labelIds)) change.labelIds = labelIds
    if (recurrence && !sameRecurrence(recurrence, savedRecurrence)) {
      const read = readDraft(recurrence)
      if (read && 'problems' in read) {
        setProblems(read.problems)
        return
      }
      change.recurrence = read ? { rrule: toRrule(read.rule), from: recurrence.from } : null
    }
    setProblems([])
    save.mutate(change)
  }
  const error = (field: string) => fieldMessage(save.error, field)

  return (
    <form className="task-detail-form" onSubmit={submit} noValidate>
      <TextField
        label="Title"
        value={title}
        onChange={(event) => setTitle(event.target.value)}
        error={error('title')}
      />
      <Field label="Description" error={error('description')}>
        {(control) => (
          <textarea
            {...control}
            rows={5}
            value={description}
            onChange={(event) => setDescription(event.target.value)}
          />
        )}
      </Field>
      <Field label="Project" error={error('projectId')}>
        {(control) => (
          <select
            {...control}
            value={projectId}
            disabled={Boolean(task.parentId)}
            onChange={(event) => setProjectId(event.target.value)}
          >
            {!destinations.some((each) => each.id === task.projectId) && (
              <option value={task.projectId}>{projects.isPending ? 'Loading…' : 'Its project'}</option>
            )}
            {destinations.map((each) => (
              <option key={each.id} value={each.id}>
                {each.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      {task.parentId && <p className="muted hint">A subtask stays in its parent's project and moves with it.</p>}
      <div className="task-detail-row">
        <PriorityField value={priority} onChange={setPriority} error={error('priority')} />
        <TextField
          label="Due date"
          type="date"
          value={dueDate}
          onChange={(event) => setDueDate(event.target.value)}
          error={error('due')}
        />
        <TextField
          label="Time (optional)"
          type="time"
          value={dueTime}
          disabled={!dueDate}
          onChange={(event) => setDueTime(event.target.value)}
        />
      </div>
      <LabelsPicker selected={labelIds} onChange={setLabelIds} error={error('labelIds')} />
      <RecurrenceEditor
        draft={recurrence}
        customRule={task.recurrence?.rrule}
        onChange={setRecurrence}
        due={dueDate}
        time={dueDate ? dueTime : ''}
        problems={problems}
        ruleError={error('recurrence/rrule') ?? error('recurrence') ?? error('recurrence/from')}
      />
      <button type="submit" className="primary" disabled={save.isPending}>
        Save
      </button>
    </form>
  )
}
