import { DateTime } from 'luxon'
import type { NotificationDraft } from '../notifications/triggers.ts'
import type { DayTask, FocusDay, HabitsDue, TaskDay } from './agenda.clients.ts'

const plural = (count: number, one: string) => `${count} ${one}${count === 1 ? '' : 's'}`

/** A task's line: its title, and when it is due in the user's time zone unless it is all day today. */
function taskLine(task: DayTask, timezone: string, localDate: string) {
  if (task.allDay) return task.due === localDate ? `- ${task.title}` : `- ${task.title} (due ${task.due})`
  const due = task.dueAt ? DateTime.fromISO(task.dueAt, { zone: timezone }) : null
  if (!due) return `- ${task.title}`
  const when = due.toISODate() === localDate ? due.toFormat('HH:mm') : due.toFormat('yyyy-MM-dd HH:mm')
  return `- ${task.title} (${when})`
}

/** A section: "Heading (count):" and a line each, "- and N more" when the list was cut. */
function section(heading: string, count: number, lines: string[]) {
  if (count === 0) return []
  const more = count > lines.length ? [`- and ${count - lines.length} more`] : []
  return [[`${heading} (${count}):`, ...lines, ...more].join('\n')]
}

function focusLine(focus: FocusDay) {
  if (focus.sessions === 0) return 'Yesterday: no focus sessions.'
  const goal = focus.goalReached ? `goal of ${plural(focus.goalMinutes, 'minute')} reached` : 'goal not reached'
  return `Yesterday: ${plural(focus.focusedMinutes, 'minute')} of focus in ${plural(focus.sessions, 'session')}, ${goal}.`
}

export interface AgendaFacts {
  userId: string
  localDate: string
  timezone: string
  tasks: TaskDay
  habits: HabitsDue
  yesterday: FocusDay
}

/**
 * The daily agenda: the tasks due on the local day and overdue, the habits due, yesterday's focus.
 * Plain text, a paragraph per section with a "- " line per item (the e-mail renders them as lists);
 * its trigger names the local day, so it is told once a day however often its job runs.
 */
export function dailyAgenda(facts: AgendaFacts): NotificationDraft {
  const { tasks, habits, timezone, localDate } = facts
  const taskCount = tasks.dueToday.count + tasks.overdue.count
  const lines = (items: DayTask[]) => items.map((task) => taskLine(task, timezone, localDate))
  const habitLines = habits.items.map(
    (habit) =>
      `- ${habit.name}${habit.checkIn ? ' (checked in)' : habit.currentStreak > 0 ? ` (streak ${habit.currentStreak})` : ''}`,
  )
  const body = [
    ...section('Due today', tasks.dueToday.count, lines(tasks.dueToday.items)),
    ...section('Overdue', tasks.overdue.count, lines(tasks.overdue.items)),
    ...section('Habits due', habits.count, habitLines),
    ...(taskCount === 0 && habits.count === 0 ? ['Nothing is due today.'] : []),
    focusLine(facts.yesterday),
  ].join('\n\n')
  return {
    userId: facts.userId,
    kind: 'daily_agenda',
    triggerKey: `agenda:${localDate}`,
    title: `Your day: ${plural(taskCount, 'task')}, ${plural(habits.count, 'habit')}`,
    body,
    data: { localDate },
    requestId: `agenda:${facts.userId}:${localDate}`,
  }
}

/** The streaks worth a nudge: 3 or more, due that day and not checked in. */
export const streakAtRiskMinimum = 3

const unitNames: Record<string, string> = { days: 'day', weeks: 'week', months: 'month', periods: 'period' }

/** One nudge per habit at risk; the trigger names the habit and the local day: once per habit per day. */
export function streaksAtRisk(userId: string, habits: HabitsDue): NotificationDraft[] {
  return habits.items
    .filter((habit) => habit.checkIn === null && habit.currentStreak >= streakAtRiskMinimum)
    .map((habit) => ({
      userId,
      kind: 'streak_at_risk',
      triggerKey: `streak:${habit.id}:${habits.localDate}`,
      title: `Keep your streak: ${habit.name}`,
      body: `Your ${habit.currentStreak}-${unitNames[habit.unit] ?? 'day'} streak of "${habit.name}" ends unless you check in today.`,
      data: { habitId: habit.id, localDate: habits.localDate },
      requestId: `streak:${habit.id}:${habits.localDate}`,
    }))
}
