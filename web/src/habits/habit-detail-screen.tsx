import { useState } from 'react'
import { Link, useLocation } from 'wouter'
import { formMessage } from '../api/problem.ts'
import { FormMessage } from '../ui/field.tsx'
import { dateLabel } from './habit-days.ts'
import { HabitForm } from './habit-form.tsx'
import {
  type Habit,
  type HabitStats,
  isStale,
  useDeleteHabit,
  useHabit,
  useHabitStats,
  useUpdateHabit,
} from './habit-queries.ts'
import { percent, scheduleText, streakText, targetText } from './habit-text.ts'
import { HabitYear } from './year-heatmap.tsx'

/** One habit: its stats, its year of check-ins, and editing, archiving or deleting it. */
export function HabitDetailScreen({ habitId }: { habitId: string }) {
  const habit = useHabit(habitId)
  const stats = useHabitStats(habitId)
  const data = habit.data
  return (
    <main className="screen habit-detail">
      <p>
        <Link href="/habits">All habits</Link>
      </p>
      <h1>{data?.name ?? 'Habit'}</h1>
      <FormMessage message={formMessage(habit.error ?? stats.error)} />
      {data && (
        <p className="muted">
          {[scheduleText(data.schedule), targetText(data), `since ${dateLabel(data.startDate)}`]
            .filter(Boolean)
            .join(' · ')}
          {data.archived ? ' · archived' : ''}
        </p>
      )}
      {stats.data && data && <Stats stats={stats.data} name={data.name} />}
      {data && <EditHabit habit={data} />}
    </main>
  )
}

function Stats({ stats, name }: { stats: HabitStats; name: string }) {
  const figures: [string, string][] = [
    ['Current streak', streakText(stats.currentStreak, stats.unit)],
    ['Best streak', streakText(stats.bestStreak, stats.unit)],
    ['Streak freezes', String(stats.freezes)],
    ['Strength', percent(stats.strength)],
    ['Done, last 7 days', percent(stats.completionRate.last7Days)],
    ['Last 30 days', percent(stats.completionRate.last30Days)],
    ['Last 365 days', percent(stats.completionRate.last365Days)],
  ]
  return (
    <>
      <section aria-labelledby="stats-heading">
        <h2 id="stats-heading">Stats</h2>
        <dl className="habit-stats">
          {figures.map(([term, value]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="year-heading">
        <h2 id="year-heading">The last year</h2>
        <HabitYear name={name} heatmap={stats.heatmap} />
      </section>
    </>
  )
}

function EditHabit({ habit }: { habit: Habit }) {
  const save = useUpdateHabit(habit)
  const remove = useDeleteHabit(habit)
  const [, navigate] = useLocation()
  const [confirming, setConfirming] = useState(false)
  const message = isStale(save.error)
    ? 'This habit was changed elsewhere, so it has been reloaded. Check it and save again.'
    : formMessage(save.error)
  return (
    <>
      <section aria-labelledby="edit-heading" className="edit-habit">
        <h2 id="edit-heading">Edit</h2>
        <FormMessage message={message} />
        {/* A new version (saved, or reloaded after a stale save) starts the form from what is saved. */}
        <HabitForm
          key={habit.version}
          habit={habit}
          error={isStale(save.error) ? undefined : save.error}
          pending={save.isPending}
          submitLabel="Save"
          onSubmit={(fields) => save.mutate(fields)}
        />
        <p className="muted" role="status">
          {save.isSuccess ? 'Saved.' : ''}
        </p>
      </section>
      <section aria-labelledby="manage-heading" className="manage-habit">
        <h2 id="manage-heading">Archive or delete</h2>
        <p className="muted">
          An archived habit keeps its history and takes no check-ins; deleting it erases its check-ins for good.
        </p>
        <FormMessage message={remove.error?.message} />
        <div className="manage-actions">
          <button type="button" disabled={save.isPending} onClick={() => save.mutate({ archived: !habit.archived })}>
            {habit.archived ? 'Restore' : 'Archive'}
          </button>
          {confirming ? (
            <>
              <button
                type="button"
                className="primary"
                disabled={remove.isPending}
                onClick={() => remove.mutate(undefined, { onSuccess: () => navigate('/habits', { replace: true }) })}
              >
                Delete for good
              </button>
              <button type="button" onClick={() => setConfirming(false)}>
                Keep it
              </button>
            </>
          ) : (
            <button type="button" onClick={() => setConfirming(true)}>
              Delete
            </button>
          )}
        </div>
      </section>
    </>
  )
}
