import { type FormEvent, useState } from 'react'
import { fieldMessage, formMessage } from '../api/problem.ts'
import { type Goal, useGoal, useSaveGoal } from '../stats/stats-queries.ts'
import { FormMessage, TextField } from '../ui/field.tsx'
import { asNumber, type PlanField, PlanInputs, planFields } from '../ui/plan-fields.tsx'
import { type TimerPlan, useSaveTimerPlan, useTimerPlan } from './focus-settings-queries.ts'

/** The daily focus goal (minutes per local day) and how far today has come. */
export function FocusGoalSection() {
  const goal = useGoal()
  const save = useSaveGoal()
  return (
    <section aria-labelledby="goal-heading">
      <h2 id="goal-heading">Daily focus goal</h2>
      <FormMessage message={formMessage(save.error ?? goal.error)} />
      {goal.data && <GoalForm key={goal.data.minutes} goal={goal.data} save={save} />}
      <p className="muted" role="status">
        {save.isSuccess ? 'Goal set.' : ''}
      </p>
    </section>
  )
}

function GoalForm({ goal, save }: { goal: Goal; save: ReturnType<typeof useSaveGoal> }) {
  const [minutes, setMinutes] = useState(String(goal.minutes))
  const submit = (event: FormEvent) => {
    event.preventDefault()
    save.mutate(asNumber(minutes))
  }
  const { focusedMinutes, achieved } = goal.today
  return (
    <form className="settings-form" onSubmit={submit} noValidate>
      <TextField
        label="Minutes of focus a day"
        type="number"
        inputMode="numeric"
        min={1}
        max={1440}
        step={1}
        value={minutes}
        onChange={(event) => setMinutes(event.target.value)}
        error={fieldMessage(save.error, 'minutes')}
      />
      <p className="muted hint">
        {`Today so far: ${focusedMinutes} of ${goal.minutes} min${achieved ? ', goal reached' : ''}.`}
      </p>
      <button type="submit" className="primary" disabled={save.isPending}>
        Set goal
      </button>
    </form>
  )
}

/** The timer plan new focus sessions start with (focus-service's defaults for the user). */
export function TimerPlanSection() {
  const plan = useTimerPlan()
  const save = useSaveTimerPlan()
  return (
    <section aria-labelledby="timer-plan-heading">
      <h2 id="timer-plan-heading">Timer</h2>
      <FormMessage message={formMessage(save.error ?? plan.error)} />
      {plan.data && <TimerPlanForm key={JSON.stringify(plan.data)} plan={plan.data} save={save} />}
      <p className="muted" role="status">
        {save.isSuccess ? 'Timer plan updated.' : ''}
      </p>
    </section>
  )
}

function TimerPlanForm({ plan, save }: { plan: TimerPlan; save: ReturnType<typeof useSaveTimerPlan> }) {
  const [values, setValues] = useState(
    () => Object.fromEntries(planFields.map(({ name }) => [name, String(plan[name])])) as Record<PlanField, string>,
  )
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const typed = Object.fromEntries(planFields.map(({ name }) => [name, asNumber(values[name])]))
    save.mutate(typed as TimerPlan)
  }
  return (
    <form className="settings-form timer-plan" onSubmit={submit} noValidate>
      <PlanInputs
        values={values}
        onChange={(name, value) => setValues({ ...values, [name]: value })}
        errorOf={(name) => fieldMessage(save.error, name)}
      />
      <p className="muted hint">New focus sessions follow this plan; one already started keeps its own.</p>
      <button type="submit" className="primary" disabled={save.isPending}>
        Update timer plan
      </button>
    </form>
  )
}
