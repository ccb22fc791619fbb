import { type FormEvent, useState } from 'react'
import { fieldMessage, formMessage, ProblemError } from '../api/problem.ts'
import { Field, FormMessage, TextField } from '../ui/field.tsx'
import { asNumber, PlanInputs, planFields } from '../ui/plan-fields.tsx'
import type { NewRoom } from './room-queries.ts'

type Plan = NonNullable<NewRoom['plan']>

/** What the form holds: numbers as typed, tags as one line. */
export interface RoomFormValues {
  name: string
  visibility: NewRoom['visibility']
  capacity: string
  tags: string
  anyoneControls: boolean
  plan: Record<keyof Plan, string>
}

export const planValues = (plan: Plan) =>
  Object.fromEntries(planFields.map(({ name }) => [name, String(plan[name])])) as RoomFormValues['plan']

/** The room's fields as the API takes them (tags split on spaces and commas; the API lower-cases them). */
export function roomOf(values: RoomFormValues): NewRoom & { plan: Plan } {
  return {
    name: values.name.trim(),
    visibility: values.visibility,
    capacity: asNumber(values.capacity),
    tags: values.tags.split(/[\s,]+/).filter(Boolean),
    anyoneControls: values.anyoneControls,
    plan: Object.fromEntries(planFields.map(({ name }) => [name, asNumber(values.plan[name])])) as Plan,
  }
}

/** The API's message for the tags or one of them (`/body/tags/2`). */
const tagsMessage = (error: unknown) =>
  error instanceof ProblemError
    ? error.problem.errors?.find((each) => /^\/body\/tags(\/|$)/.test(each.field))?.message
    : undefined

/** A room's name, visibility, capacity, tags, who drives the timer and its plan: to create one or change one. */
export function RoomForm({
  initial,
  submitLabel,
  error,
  pending,
  planLocked,
  onSubmit,
}: {
  initial: RoomFormValues
  submitLabel: string
  error: unknown
  pending: boolean
  /** Why the plan cannot change now (the timer is running), or nothing. */
  planLocked?: string
  onSubmit: (values: RoomFormValues) => void
}) {
  const [values, setValues] = useState(initial)
  const set = (changes: Partial<RoomFormValues>) => setValues((before) => ({ ...before, ...changes }))
  const submit = (event: FormEvent) => {
    event.preventDefault()
    onSubmit(values)
  }
  return (
    <form className="room-form" onSubmit={submit} noValidate>
      <FormMessage message={formMessage(error)} />
      <TextField
        label="Name"
        maxLength={80}
        value={values.name}
        onChange={(event) => set({ name: event.target.value })}
        error={fieldMessage(error, 'name')}
      />
      <Field label="Who can find it" error={fieldMessage(error, 'visibility')}>
        {(control) => (
          <select
            {...control}
            value={values.visibility}
            onChange={(event) => set({ visibility: event.target.value as RoomFormValues['visibility'] })}
          >
            <option value="public">Public: listed, anyone may join</option>
            <option value="private">Private: by invitation or link</option>
          </select>
        )}
      </Field>
      <TextField
        label="Capacity (2–50 people)"
        type="number"
        inputMode="numeric"
        min={2}
        max={50}
        value={values.capacity}
        onChange={(event) => set({ capacity: event.target.value })}
        error={fieldMessage(error, 'capacity')}
      />
      <TextField
        label="Tags (up to 5, separated by spaces)"
        value={values.tags}
        autoCapitalize="none"
        spellCheck={false}
        onChange={(event) => set({ tags: event.target.value })}
        error={tagsMessage(error)}
      />
      <label className="check">
        <input
          type="checkbox"
          checked={values.anyoneControls}
          onChange={(event) => set({ anyoneControls: event.target.checked })}
        />
        Anyone in the room may control the timer
      </label>
      <fieldset className="room-plan" disabled={Boolean(planLocked)}>
        <legend>Timer plan</legend>
        {planLocked && <p className="muted hint">{planLocked}</p>}
        <PlanInputs
          values={values.plan}
          onChange={(name, value) => set({ plan: { ...values.plan, [name]: value } })}
          errorOf={(name) => fieldMessage(error, `plan/${name}`)}
        />
      </fieldset>
      <button type="submit" className="primary" disabled={pending}>
        {submitLabel}
      </button>
    </form>
  )
}
