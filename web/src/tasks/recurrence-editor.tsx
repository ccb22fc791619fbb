import { type ReactNode, useId } from 'react'
import { Field } from '../ui/field.tsx'
import {
  type FieldProblem,
  type Frequency,
  noRecurrence,
  type RecurrenceDraft,
  readDraft,
  seriesDates,
  type Weekday,
  weekdays,
} from './recurrence.ts'

const frequencies: { value: Frequency | 'none'; name: string; unit: string }[] = [
  { value: 'none', name: 'Does not repeat', unit: '' },
  { value: 'daily', name: 'Daily', unit: 'days' },
  { value: 'weekly', name: 'Weekly', unit: 'weeks' },
  { value: 'monthly', name: 'Monthly', unit: 'months' },
  { value: 'yearly', name: 'Yearly', unit: 'years' },
]

const weekdayNames: Record<Weekday, string> = {
  MO: 'Mon',
  TU: 'Tue',
  WE: 'Wed',
  TH: 'Thu',
  FR: 'Fri',
  SA: 'Sat',
  SU: 'Sun',
}

const dayFormat = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
})
const formatDay = (date: string) => dayFormat.format(new Date(`${date}T00:00:00Z`))

/**
 * The recurrence of a task: frequency, interval, weekdays, end, and what it counts from, with the
 * next dates of the series. `draft` null keeps a rule set elsewhere that these fields cannot show.
 */
export function RecurrenceEditor({
  draft,
  customRule,
  onChange,
  due,
  time,
  problems,
  ruleError,
}: {
  draft: RecurrenceDraft | null
  customRule?: string
  onChange: (draft: RecurrenceDraft | null) => void
  due: string
  time: string
  problems: FieldProblem[]
  ruleError?: string
}) {
  const daysLegend = useId()
  const problem = (field: FieldProblem['field']) => problems.find((each) => each.field === field)?.message
  const frequency = frequencies.find((each) => each.value === draft?.frequency)
  const change = (part: Partial<RecurrenceDraft>) => draft && onChange({ ...draft, ...part })
  return (
    <fieldset className="recurrence">
      <legend>Recurrence</legend>
      <Field label="Repeat" error={ruleError}>
        {(control) => (
          <select
            {...control}
            value={draft?.frequency ?? 'custom'}
            onChange={(event) => {
              const value = event.target.value as Frequency | 'none'
              onChange({ ...(draft ?? noRecurrence), frequency: value })
            }}
          >
            {!draft && <option value="custom">Custom rule: {customRule}</option>}
            {frequencies.map((each) => (
              <option key={each.value} value={each.value}>
                {each.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      {draft && draft.frequency !== 'none' && (
        <>
          <div className="interval">
            <Field label="Every" error={problem('interval')}>
              {(control) => (
                <input
                  {...control}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  value={draft.interval}
                  onChange={(event) => change({ interval: event.target.value })}
                />
              )}
            </Field>
            <span className="muted">{frequency?.unit}</span>
          </div>
          {draft.frequency === 'weekly' && (
            <fieldset className="weekdays" aria-labelledby={daysLegend}>
              <legend id={daysLegend}>On</legend>
              {weekdays.map((day) => (
                <label key={day}>
                  <input
                    type="checkbox"
                    checked={draft.days.includes(day)}
                    onChange={(event) =>
                      change({
                        days: weekdays.filter((each) =>
                          each === day ? event.target.checked : draft.days.includes(each),
                        ),
                      })
                    }
                  />
                  {weekdayNames[day]}
                </label>
              ))}
            </fieldset>
          )}
          <fieldset className="ends">
            <legend>Ends</legend>
            {(
              [
                ['never', 'Never'],
                ['count', 'After a number of times'],
                ['until', 'On a date'],
              ] as const
            ).map(([end, name]) => (
              <label key={end}>
                <input type="radio" name="ends" checked={draft.end === end} onChange={() => change({ end })} />
                {name}
              </label>
            ))}
          </fieldset>
          {draft.end === 'count' && (
            <Field label="Times" error={problem('count')}>
              {(control) => (
                <input
                  {...control}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  value={draft.count}
                  onChange={(event) => change({ count: event.target.value })}
                />
              )}
            </Field>
          )}
          {draft.end === 'until' && (
            <Field label="Last date" error={problem('until')}>
              {(control) => (
                <input
                  {...control}
                  type="date"
                  value={draft.until}
                  onChange={(event) => change({ until: event.target.value })}
                />
              )}
            </Field>
          )}
          <Field label="Counted from">
            {(control) => (
              <select
                {...control}
                value={draft.from}
                onChange={(event) => change({ from: event.target.value as RecurrenceDraft['from'] })}
              >
                <option value="due">the due date</option>
                <option value="completion">the day it is completed</option>
              </select>
            )}
          </Field>
          <Preview draft={draft} due={due} time={time} />
        </>
      )}
    </fieldset>
  )
}

/** The first dates of the series as the fields describe it, from the due date on the user's wall clock. */
function Preview({ draft, due, time }: { draft: RecurrenceDraft; due: string; time: string }) {
  const heading = useId()
  const read = readDraft(draft)
  let content: ReactNode
  if (!due) content = <p className="muted">A repeating task needs a due date: the series starts there.</p>
  else if (!read || !('rule' in read)) content = <p className="muted">Correct the fields above to see the dates.</p>
  else {
    const dates = seriesDates(read.rule, due, time)
    content = (
      <ol aria-labelledby={heading}>
        {dates.map((date) => (
          <li key={date}>
            {formatDay(date)}
            {time && ` ${time}`}
          </li>
        ))}
      </ol>
    )
  }
  return (
    <div className="recurrence-preview">
      <p id={heading} className="preview-heading">
        Next dates
      </p>
      {content}
    </div>
  )
}
