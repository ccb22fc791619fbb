import { type FormEvent, useState } from 'react'
import { fieldMessage, formMessage } from '../api/problem.ts'
import { Field, FormMessage, TextField } from '../ui/field.tsx'
import { weekdayShortNames } from './habit-days.ts'
import type { Habit, Schedule } from './habit-queries.ts'

type ScheduleType = Schedule['type']
type TargetType = NonNullable<Habit['targetType']>

/** What the form sends: a new habit's body, or (without `kind`) an edit's. */
export interface HabitFields {
  name: string
  schedule: Schedule
  kind?: 'measurable'
  target?: number
  targetType?: TargetType
  unit?: string
  startDate?: string
}

const scheduleTypes: Record<ScheduleType, string> = {
  daily: 'Every day',
  weekdays: 'On some days of the week',
  times_per_week: 'A number of times a week',
  times_per_month: 'A number of times a month',
  every_n_days: 'Every few days',
}
const weekdays = [1, 2, 3, 4, 5, 6, 7]
const counts = (last: number) => Array.from({ length: last }, (_, index) => index + 1)

/**
 * The schedule the API would refuse only as "no variant of the union matches" (its errors[] cannot
 * say which part): said here instead, before sending.
 */
function scheduleProblem(schedule: Schedule) {
  if (schedule.type === 'weekdays' && schedule.days.length === 0) return 'Choose at least one day.'
  if (schedule.type === 'every_n_days' && !(schedule.days >= 2 && schedule.days <= 365))
    return 'Choose every 2 to 365 days.'
  return undefined
}

function useScheduleFields(initial: Schedule) {
  const [type, setType] = useState<ScheduleType>(initial.type)
  const [days, setDays] = useState<number[]>(initial.type === 'weekdays' ? initial.days : [1, 2, 3, 4, 5])
  const [times, setTimes] = useState('times' in initial ? initial.times : 3)
  const [every, setEvery] = useState(initial.type === 'every_n_days' ? String(initial.days) : '2')
  const schedule: Schedule =
    type === 'weekdays'
      ? { type, days: [...days].sort((a, b) => a - b) }
      : type === 'times_per_week' || type === 'times_per_month'
        ? { type, times: Math.min(times, type === 'times_per_week' ? 7 : 31) }
        : type === 'every_n_days'
          ? { type, days: Number(every) }
          : { type }
  return { type, setType, days, setDays, times, setTimes, every, setEvery, schedule }
}

/**
 * A habit's fields: a new one's (name, how it is measured, schedule, start), or an existing one's
 * (its kind stays, since old check-ins would mean something else).
 */
export function HabitForm({
  habit,
  error,
  pending,
  submitLabel,
  onSubmit,
}: {
  habit?: Habit
  error: unknown
  pending: boolean
  submitLabel: string
  onSubmit: (fields: HabitFields, reset: () => void) => void
}) {
  const [name, setName] = useState(habit?.name ?? '')
  const [kind, setKind] = useState<Habit['kind']>(habit?.kind ?? 'boolean')
  const [target, setTarget] = useState(habit?.target === null || !habit ? '' : String(habit.target))
  const [unit, setUnit] = useState(habit?.unit ?? '')
  const [targetType, setTargetType] = useState<TargetType>(habit?.targetType ?? 'at_least')
  const [startDate, setStartDate] = useState(habit?.startDate ?? '')
  const fields = useScheduleFields(habit?.schedule ?? { type: 'daily' })
  const [scheduleError, setScheduleError] = useState<string>()

  const reset = () => {
    setName('')
    setTarget('')
    setUnit('')
    setStartDate('')
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const problem = scheduleProblem(fields.schedule)
    setScheduleError(problem)
    if (problem) return
    const measure =
      kind === 'measurable'
        ? {
            ...(habit ? {} : { kind: 'measurable' as const }),
            target: Number(target),
            targetType,
            ...(unit.trim() ? { unit } : {}),
          }
        : {}
    onSubmit({ name, schedule: fields.schedule, ...measure, ...(startDate ? { startDate } : {}) }, reset)
  }
  const scheduleMessage = scheduleError ?? fieldMessage(error, 'schedule')

  return (
    <form className="habit-form" onSubmit={submit} noValidate>
      <FormMessage message={formMessage(error)} />
      <TextField
        label="Name"
        placeholder="Read 20 pages"
        value={name}
        onChange={(event) => setName(event.target.value)}
        error={fieldMessage(error, 'name')}
      />
      <Field label="Measured as" error={fieldMessage(error, 'kind')}>
        {(control) => (
          <select
            {...control}
            value={kind}
            disabled={Boolean(habit)}
            onChange={(event) => setKind(event.target.value as Habit['kind'])}
          >
            <option value="boolean">Done or not</option>
            <option value="measurable">A number a day</option>
          </select>
        )}
      </Field>
      {kind === 'measurable' && (
        <div className="habit-form-row">
          <Field label="Goal" error={fieldMessage(error, 'targetType')}>
            {(control) => (
              <select
                {...control}
                value={targetType}
                onChange={(event) => setTargetType(event.target.value as TargetType)}
              >
                <option value="at_least">At least</option>
                <option value="at_most">At most</option>
              </select>
            )}
          </Field>
          <TextField
            label="Target"
            type="number"
            inputMode="decimal"
            value={target}
            onChange={(event) => setTarget(event.target.value)}
            error={fieldMessage(error, 'target')}
          />
          <TextField
            label="Unit (optional)"
            placeholder="pages"
            value={unit}
            onChange={(event) => setUnit(event.target.value)}
            error={fieldMessage(error, 'unit')}
          />
        </div>
      )}
      <Field label="Repeat" error={scheduleMessage}>
        {(control) => (
          <select
            {...control}
            value={fields.type}
            onChange={(event) => {
              fields.setType(event.target.value as ScheduleType)
              setScheduleError(undefined)
            }}
          >
            {Object.entries(scheduleTypes).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
      {fields.type === 'weekdays' && (
        <fieldset className="weekday-choice">
          <legend>Days</legend>
          {weekdays.map((day) => (
            <label key={day}>
              <input
                type="checkbox"
                checked={fields.days.includes(day)}
                onChange={(event) =>
                  fields.setDays(
                    event.target.checked ? [...fields.days, day] : fields.days.filter((each) => each !== day),
                  )
                }
              />
              {weekdayShortNames[day - 1]}
            </label>
          ))}
        </fieldset>
      )}
      {(fields.type === 'times_per_week' || fields.type === 'times_per_month') && (
        <Field label={fields.type === 'times_per_week' ? 'Times a week' : 'Times a month'}>
          {(control) => (
            <select
              {...control}
              value={'times' in fields.schedule ? fields.schedule.times : fields.times}
              onChange={(event) => fields.setTimes(Number(event.target.value))}
            >
              {counts(fields.type === 'times_per_week' ? 7 : 31).map((count) => (
                <option key={count} value={count}>
                  {count}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {fields.type === 'every_n_days' && (
        <TextField
          label="Every how many days"
          type="number"
          min={2}
          max={365}
          value={fields.every}
          onChange={(event) => fields.setEvery(event.target.value)}
        />
      )}
      <TextField
        label={habit ? 'Starts' : 'Starts (today when empty)'}
        type="date"
        value={startDate}
        onChange={(event) => setStartDate(event.target.value)}
        error={fieldMessage(error, 'startDate')}
      />
      <button type="submit" className="primary" disabled={pending}>
        {submitLabel}
      </button>
    </form>
  )
}
