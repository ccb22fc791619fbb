import { Field } from '../ui/field.tsx'
import { type Priority, priorities } from './task-queries.ts'

/** A task's priority, with the API's message for it under the field. */
export function PriorityField({
  value,
  onChange,
  error,
}: {
  value: Priority
  onChange: (priority: Priority) => void
  error: string | undefined
}) {
  return (
    <Field label="Priority" error={error}>
      {(control) => (
        <select {...control} value={value} onChange={(event) => onChange(event.target.value as Priority)}>
          {priorities.map((each) => (
            <option key={each} value={each}>
              {each}
            </option>
          ))}
        </select>
      )}
    </Field>
  )
}
