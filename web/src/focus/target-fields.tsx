import { fieldMessage, formMessage } from '../api/problem.ts'
import { Field, FormMessage } from '../ui/field.tsx'
import { type FocusTarget, useHabits, useOpenTasks } from './focus-queries.ts'

/** What a session is on: one of my open tasks or one of my habits (choosing one clears the other), or neither. */
export function TargetFields({
  target,
  onChange,
  error,
}: {
  target: FocusTarget
  onChange: (target: FocusTarget) => void
  /** The refused write, whose problem may name `taskId` or `habitId`. */
  error: unknown
}) {
  const tasks = useOpenTasks()
  const habits = useHabits()
  return (
    <>
      <FormMessage message={formMessage(tasks.error ?? habits.error)} />
      <Field label="Task (optional)" error={fieldMessage(error, 'taskId')}>
        {(control) => (
          <select
            {...control}
            value={target.taskId ?? ''}
            onChange={(event) => onChange({ taskId: event.target.value || undefined })}
          >
            <option value="">No task</option>
            {tasks.data?.map((task) => (
              <option key={task.id} value={task.id}>
                {task.title}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Or a habit (optional)" error={fieldMessage(error, 'habitId')}>
        {(control) => (
          <select
            {...control}
            value={target.habitId ?? ''}
            onChange={(event) => onChange({ habitId: event.target.value || undefined })}
          >
            <option value="">No habit</option>
            {habits.data?.map((habit) => (
              <option key={habit.id} value={habit.id}>
                {habit.name}
              </option>
            ))}
          </select>
        )}
      </Field>
    </>
  )
}
