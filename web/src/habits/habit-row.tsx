import { Link } from 'wouter'
import { dateLabel, daysEnding, isoWeekday, relativeDay, shortWeekday } from './habit-days.ts'
import { type CheckInDay, type Habit, useHabitStats, useToggleCheckIn } from './habit-queries.ts'
import { freezesText, percent, scheduleText, streakText, targetText } from './habit-text.ts'

const statusNames = { done: 'done', partial: 'partly done', skipped: 'skipped' } as const

/** True when the schedule asks for this day in particular (weekday habits skip the others). */
const scheduled = (habit: Habit, date: string) =>
  habit.schedule.type !== 'weekdays' || habit.schedule.days.includes(isoWeekday(date))

/** One habit: its last 7 local days to check in or undo, its streaks, freezes and strength. */
export function HabitRow({ habit }: { habit: Habit }) {
  const stats = useHabitStats(habit.id)
  const toggle = useToggleCheckIn(habit)
  const checkIns = new Map(stats.data?.heatmap.days.map((day) => [day.date, day]))
  const target = targetText(habit)
  return (
    <li className="habit">
      <div className="habit-head">
        <Link href={`/habits/${habit.id}`} className="habit-name">
          {habit.name}
        </Link>
        <span className="muted">
          {scheduleText(habit.schedule)}
          {target ? ` · ${target}` : ''}
        </span>
      </div>
      <ul className="week" aria-label={`${habit.name}, the last 7 days`}>
        {daysEnding(habit.today, 7).map((date) => (
          <li key={date}>
            <DayToggle
              habit={habit}
              date={date}
              checkIn={checkIns.get(date)}
              disabled={!stats.data || date < habit.startDate || habit.archived}
              onToggle={(done) => toggle.mutate({ date, done })}
            />
          </li>
        ))}
      </ul>
      <p className="habit-figures">
        <span>
          <span className="muted">Streak</span> {streakText(habit.summary.currentStreak, habit.summary.unit)}
        </span>
        <span>
          <span className="muted">Best</span> {streakText(habit.summary.bestStreak, habit.summary.unit)}
        </span>
        <span title="Earned every 7 in a row (at most 2); one keeps the streak over a missed day">
          {freezesText(habit.summary.freezes)}
        </span>
        <span>
          <span className="muted">Strength</span> {percent(stats.data?.strength ?? null)}
        </span>
      </p>
      {toggle.error && (
        <p className="form-error" role="alert">
          {toggle.error.message}
        </p>
      )}
    </li>
  )
}

function DayToggle({
  habit,
  date,
  checkIn,
  disabled,
  onToggle,
}: {
  habit: Habit
  date: string
  checkIn?: CheckInDay
  disabled: boolean
  onToggle: (done: boolean) => void
}) {
  const done = checkIn?.status === 'done'
  const state = checkIn ? statusNames[checkIn.status] : 'not checked in'
  const classes = ['day', checkIn?.status ?? 'open', scheduled(habit, date) ? '' : 'unscheduled']
  // The name starts with what the button shows (WCAG 2.5.3), then says today or yesterday and whose day it is.
  const visible = `${shortWeekday(date)} ${Number(date.slice(8))}`
  const relative = relativeDay(date, habit.today)
  const near = relative === 'today' || relative === 'yesterday' ? relative : undefined
  return (
    <button
      type="button"
      className={classes.join(' ').trim()}
      aria-pressed={done}
      aria-label={`${visible}${near ? `, ${near}` : ''}: ${habit.name}`}
      title={`${dateLabel(date)}: ${date < habit.startDate ? 'before the habit started' : state}`}
      disabled={disabled}
      onClick={() => onToggle(!done)}
    >
      <span className="day-name">{shortWeekday(date)}</span> <span className="day-number">{Number(date.slice(8))}</span>
    </button>
  )
}
