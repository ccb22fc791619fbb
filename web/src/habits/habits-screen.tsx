import { useState } from 'react'
import { Link } from 'wouter'
import { formMessage } from '../api/problem.ts'
import { FormMessage } from '../ui/field.tsx'
import { HabitForm } from './habit-form.tsx'
import { type Habit, useCreateHabit, useHabits, useUpdateHabit } from './habit-queries.ts'
import { HabitRow } from './habit-row.tsx'
import { scheduleText } from './habit-text.ts'

/** My habits with their last week to check in, a new habit, and the archive. */
export function HabitsScreen() {
  const habits = useHabits(false)
  const [showArchive, setShowArchive] = useState(false)
  return (
    <main className="screen habits">
      <h1>Habits</h1>
      <FormMessage message={formMessage(habits.error)} />
      {habits.data?.length === 0 && <p className="muted">No habits yet. Start one below.</p>}
      {habits.data && habits.data.length > 0 && (
        <ul className="habit-list" aria-label="My habits">
          {habits.data.map((habit) => (
            <HabitRow key={habit.id} habit={habit} />
          ))}
        </ul>
      )}
      <NewHabit />
      <details className="archive" onToggle={(event) => setShowArchive(event.currentTarget.open)}>
        <summary>Archived habits</summary>
        {showArchive && <Archive />}
      </details>
    </main>
  )
}

function NewHabit() {
  const create = useCreateHabit()
  return (
    <section aria-labelledby="new-habit-heading" className="new-habit">
      <h2 id="new-habit-heading">New habit</h2>
      <HabitForm
        error={create.error}
        pending={create.isPending}
        submitLabel="Create habit"
        onSubmit={(fields, reset) => create.mutate(fields, { onSuccess: reset })}
      />
    </section>
  )
}

function Archive() {
  const archived = useHabits(true)
  if (!archived.data) return <FormMessage message={formMessage(archived.error)} />
  if (archived.data.length === 0) return <p className="muted">Nothing archived.</p>
  return (
    <ul className="archived-list">
      {archived.data.map((habit) => (
        <ArchivedHabit key={habit.id} habit={habit} />
      ))}
    </ul>
  )
}

function ArchivedHabit({ habit }: { habit: Habit }) {
  const restore = useUpdateHabit(habit)
  return (
    <li>
      <Link href={`/habits/${habit.id}`}>{habit.name}</Link>
      <span className="muted">{scheduleText(habit.schedule)}</span>
      <button
        type="button"
        aria-label={`Restore ${habit.name}`}
        disabled={restore.isPending}
        onClick={() => restore.mutate({ archived: false })}
      >
        Restore
      </button>
      <FormMessage message={restore.error?.message} />
    </li>
  )
}
