import { TextField } from './field.tsx'

/** The four numbers of a timer plan, as the focus settings and a room's form both ask for them. */
export type PlanField = 'workMinutes' | 'shortBreakMinutes' | 'longBreakMinutes' | 'cyclesBeforeLongBreak'

export const planFields: { name: PlanField; label: string; max: number }[] = [
  { name: 'workMinutes', label: 'Focus (minutes)', max: 180 },
  { name: 'shortBreakMinutes', label: 'Short break (minutes)', max: 60 },
  { name: 'longBreakMinutes', label: 'Long break (minutes)', max: 120 },
  { name: 'cyclesBeforeLongBreak', label: 'Focus sessions before a long break', max: 12 },
]

/** A typed number as sent: a blank field goes as NaN (null in JSON), so the API names it rather than the form guessing. */
export const asNumber = (value: string) => (value.trim() === '' ? Number.NaN : Number(value))

/** The plan's fields as typed, each with the API's message for it. */
export function PlanInputs(props: {
  values: Record<PlanField, string>
  onChange: (name: PlanField, value: string) => void
  errorOf: (name: PlanField) => string | undefined
}) {
  return planFields.map(({ name, label, max }) => (
    <TextField
      key={name}
      label={label}
      type="number"
      inputMode="numeric"
      min={1}
      max={max}
      step={1}
      value={props.values[name]}
      onChange={(event) => props.onChange(name, event.target.value)}
      error={props.errorOf(name)}
    />
  ))
}
