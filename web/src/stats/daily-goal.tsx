import { type FormEvent, useState } from 'react'
import { fieldMessage, formMessage } from '../api/problem.ts'
import { Field, FormMessage } from '../ui/field.tsx'
import { minutes, plural } from './dates.ts'
import { type Goal, type Stats, useGoal, useSaveGoal } from './stats-queries.ts'

/** Today against the daily goal, the goal streaks (from the stats) and setting the goal. */
export function DailyGoal({ stats }: { stats?: Stats }) {
  const goal = useGoal()
  return (
    <section aria-labelledby="goal-heading" className="goal">
      <h2 id="goal-heading">Daily goal</h2>
      <FormMessage message={formMessage(goal.error)} />
      {goal.data && (
        <>
          <GoalProgress goal={goal.data} />
          {stats && (
            <p className="streaks">
              <span>
                Current streak <strong>{plural(stats.goal.currentStreak, 'day')}</strong>
              </span>
              <span>
                Best streak <strong>{plural(stats.goal.bestStreak, 'day')}</strong>
              </span>
            </p>
          )}
          <GoalForm key={goal.data.minutes} minutes={goal.data.minutes} />
        </>
      )}
    </section>
  )
}

function GoalProgress({ goal }: { goal: Goal }) {
  const { focusedMinutes } = goal.today
  return (
    <div className="goal-progress">
      <p id="goal-today">
        Today <strong>{`${minutes(focusedMinutes)} of ${minutes(goal.minutes)}`}</strong>
        {goal.today.achieved ? ' · goal reached' : ''}
      </p>
      <progress aria-labelledby="goal-today" max={goal.minutes} value={Math.min(focusedMinutes, goal.minutes)} />
    </div>
  )
}

function GoalForm({ minutes: current }: { minutes: number }) {
  const save = useSaveGoal()
  const [value, setValue] = useState(String(current))
  const submit = (event: FormEvent) => {
    event.preventDefault()
    save.mutate(value.trim() === '' ? Number.NaN : Number(value))
  }
  return (
    <form className="goal-form" onSubmit={submit} noValidate>
      <FormMessage message={formMessage(save.error)} />
      <Field label="Minutes a day" error={fieldMessage(save.error, 'minutes')}>
        {(control) => (
          <input
            {...control}
            type="number"
            inputMode="numeric"
            min={1}
            max={1440}
            value={value}
            onChange={(event) => setValue(event.target.value)}
          />
        )}
      </Field>
      <button type="submit" disabled={save.isPending}>
        Set goal
      </button>
    </form>
  )
}
