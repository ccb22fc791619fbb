import { type KeyboardEvent, useState } from 'react'
import { fieldMessage } from '../api/problem.ts'
import { Field } from '../ui/field.tsx'
import { useCreateLabel } from './task-detail-queries.ts'
import { type Label, useLabels } from './task-queries.ts'

const defaultColor = '#3366ff'

/** A label's color as a dot; an SVG attribute, since the CSP allows no inline style. */
export function LabelSwatch({ color }: { color: string | null }) {
  return (
    <svg className="label-swatch" viewBox="0 0 10 10" aria-hidden="true">
      <circle cx="5" cy="5" r="5" fill={color ?? 'currentColor'} />
    </svg>
  )
}

/**
 * The user's labels on a task: pick an existing one, create one (saved as a label at once, put on
 * the task with the task's next save), remove one. Labels others put on a shared task are not the
 * user's to see or change: their ids stay in `selected` untouched.
 */
export function LabelsPicker({
  selected,
  onChange,
  error,
}: {
  selected: string[]
  onChange: (labelIds: string[]) => void
  error?: string
}) {
  const labels = useLabels()
  const mine = labels.data ?? []
  const chosen = mine.filter((label) => selected.includes(label.id))
  const others = mine.filter((label) => !selected.includes(label.id))
  return (
    <fieldset className="labels">
      <legend>Labels</legend>
      {chosen.length > 0 ? (
        <ul className="label-chips" aria-label="Labels on this task">
          {chosen.map((label) => (
            <li key={label.id} className="label-chip">
              <LabelSwatch color={label.color} />
              {label.name}
              <button
                type="button"
                className="quiet"
                aria-label={`Remove label ${label.name}`}
                onClick={() => onChange(selected.filter((id) => id !== label.id))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No labels.</p>
      )}
      <div className="label-choices">
        <Field label="Add a label" error={error}>
          {(control) => (
            <select
              {...control}
              value=""
              disabled={others.length === 0}
              onChange={(event) => event.target.value && onChange([...selected, event.target.value])}
            >
              <option value="">{others.length === 0 ? 'No other labels' : 'Choose…'}</option>
              {others.map((label) => (
                <option key={label.id} value={label.id}>
                  {label.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <NewLabel onCreated={(label) => onChange([...selected, label.id])} />
      </div>
    </fieldset>
  )
}

/** A new label, named and colored here; inside the task's form, so Enter creates it rather than saving the task. */
function NewLabel({ onCreated }: { onCreated: (label: Label) => void }) {
  const create = useCreateLabel()
  const [name, setName] = useState('')
  const [color, setColor] = useState(defaultColor)
  const submit = () =>
    create.mutate(
      { name, color },
      {
        onSuccess: (label) => {
          onCreated(label)
          setName('')
        },
      },
    )
  const onEnter = (event: KeyboardEvent) => {
    if (event.key !== 'Enter') return
    event.preventDefault()
    submit()
  }
  // label-name-taken (409) names no field, yet it is about the name.
  const nameError =
    fieldMessage(create.error, 'name') ??
    (create.error && !fieldMessage(create.error, 'color') ? create.error.message : undefined)
  return (
    <div className="new-label">
      <Field label="New label" error={nameError}>
        {(control) => (
          <input {...control} value={name} onChange={(event) => setName(event.target.value)} onKeyDown={onEnter} />
        )}
      </Field>
      <Field label="Color" error={fieldMessage(create.error, 'color')}>
        {(control) => (
          <input {...control} type="color" value={color} onChange={(event) => setColor(event.target.value)} />
        )}
      </Field>
      <button type="button" onClick={submit} disabled={create.isPending}>
        Create label
      </button>
    </div>
  )
}
