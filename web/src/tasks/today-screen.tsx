import { useCallback, useRef } from 'react'
import type { User } from '../api/session.ts'
import { useShortcut } from '../ui/use-shortcut.ts'
import { AddTaskForm } from './add-task-form.tsx'
import { localDate } from './local-day.ts'
import { TaskList, useTaskKeys } from './task-item.tsx'
import { useTasks } from './task-queries.ts'

export function TodayScreen({ user }: { user: User }) {
  const overdue = useTasks({ overdue: true })
  const dueToday = useTasks({ dueToday: true })
  const quickAdd = useRef<HTMLInputElement>(null)
  useShortcut(
    'q',
    useCallback(() => quickAdd.current?.focus(), []),
  )
  useTaskKeys()

  return (
    <main className="screen">
      <h1>Today</h1>
      <AddTaskForm into={{ dueToday: true }} due={localDate(user)} inputRef={quickAdd} />
      {(overdue.data?.length ?? 0) > 0 && (
        <section aria-labelledby="overdue-heading">
          <h2 id="overdue-heading">Overdue</h2>
          <TaskList tasks={overdue.data} empty="" />
        </section>
      )}
      <section aria-labelledby="today-heading">
        <h2 id="today-heading">Due today</h2>
        <TaskList tasks={dueToday.data} empty="Nothing due today. Add a task above." />
      </section>
    </main>
  )
}
