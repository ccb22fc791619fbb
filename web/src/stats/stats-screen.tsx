import { useState } from 'react'
import { formMessage } from '../api/problem.ts'
import { Field, FormMessage } from '../ui/field.tsx'
import { type Bar, BarChart } from './bar-chart.tsx'
import { DailyGoal } from './daily-goal.tsx'
import { dayName, formatDate, longDate, minutes, plural } from './dates.ts'
import { FocusYear } from './heatmap.tsx'
import { type Stats, type StatsRange, useStats, useTaskTitles } from './stats-queries.ts'
import { WeeklyReviews } from './weekly-reviews.tsx'
import './stats.css'

const ranges: Record<StatsRange, string> = {
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  '90d': 'Last 90 days',
  '365d': 'Last 365 days',
}

/** Focus minutes by day and hour, the daily goal and its streaks, time per task, the last year and the weekly reviews. */
export function StatsScreen() {
  const [range, setRange] = useState<StatsRange>('30d')
  const stats = useStats(range)
  return (
    <main className="screen stats">
      <h1>Stats</h1>
      <FormMessage message={formMessage(stats.error)} />
      <DailyGoal stats={stats.data} />
      <Field label="Period">
        {(control) => (
          <select {...control} value={range} onChange={(event) => setRange(event.target.value as StatsRange)}>
            {Object.entries(ranges).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
      {stats.data && (
        <>
          <Totals stats={stats.data} />
          <PerDay stats={stats.data} />
          <ByHour stats={stats.data} />
          <ByTask stats={stats.data} />
          <section aria-labelledby="year-heading">
            <h2 id="year-heading">The last year</h2>
            <FocusYear heatmap={stats.data.heatmap} goal={stats.data.goal.minutes} />
          </section>
        </>
      )}
      <WeeklyReviews />
    </main>
  )
}

function Totals({ stats }: { stats: Stats }) {
  const { totals } = stats
  return (
    <section aria-labelledby="totals-heading">
      <h2 id="totals-heading">{`${ranges[stats.range as StatsRange] ?? stats.range}, in all`}</h2>
      <dl className="totals">
        <div>
          <dt>Focused</dt>
          <dd>{minutes(totals.focusedMinutes)}</dd>
        </div>
        <div>
          <dt>Sessions</dt>
          <dd>{totals.sessions.toLocaleString()}</dd>
        </div>
        <div>
          <dt>Pomodoros</dt>
          <dd>{totals.pomodoros.toLocaleString()}</dd>
        </div>
        <div>
          <dt>A day on average</dt>
          <dd>{minutes(totals.averageMinutesPerDay)}</dd>
        </div>
        <div>
          <dt>Best day</dt>
          <dd>
            {totals.bestDay ? `${minutes(totals.bestDay.focusedMinutes)}, ${dayName(totals.bestDay.localDate)}` : '—'}
          </dd>
        </div>
      </dl>
    </section>
  )
}

/** A tick under every bar of a week, under every 7th (counted back from today) of a month, every 14th beyond. */
function dayTick(localDate: string, fromEnd: number, count: number) {
  if (count <= 7) return formatDate(localDate, { weekday: 'short' })
  return fromEnd % (count <= 31 ? 7 : 14) === 0 ? formatDate(localDate, { day: 'numeric', month: 'numeric' }) : ''
}

function PerDay({ stats }: { stats: Stats }) {
  const bars: Bar[] = stats.days.map((day, index) => ({
    key: day.localDate,
    name: day.localDate === stats.to ? `Today, ${dayName(day.localDate)}` : dayName(day.localDate),
    tick: dayTick(day.localDate, stats.days.length - 1 - index, stats.days.length),
    value: day.focusedMinutes,
  }))
  const summary = `Focus minutes per day from ${longDate(stats.from)} to ${longDate(stats.to)}: ${minutes(
    stats.totals.focusedMinutes,
  )} in all${stats.totals.bestDay ? `, the most ${minutes(stats.totals.bestDay.focusedMinutes)} on ${dayName(stats.totals.bestDay.localDate)}` : ''}.`
  return (
    <section aria-labelledby="days-heading">
      <h2 id="days-heading">Focus per day</h2>
      <BarChart caption="Focus minutes per day" summary={summary} bars={bars} />
    </section>
  )
}

const hourName = (hour: number) => `${String(hour).padStart(2, '0')}:00`

function ByHour({ stats }: { stats: Stats }) {
  const bars: Bar[] = stats.byHour.map(({ hour, focusedMinutes }) => ({
    key: String(hour),
    name: `${hourName(hour)}–${hourName((hour + 1) % 24)}`,
    tick: hour % 6 === 0 ? hourName(hour) : '',
    value: focusedMinutes,
  }))
  const busiest = stats.byHour.reduce((top, hour) => (hour.focusedMinutes > top.focusedMinutes ? hour : top))
  const summary =
    busiest.focusedMinutes > 0
      ? `Focus minutes by the hour sessions started: the most, ${minutes(busiest.focusedMinutes)}, from ${hourName(busiest.hour)}.`
      : 'Focus minutes by the hour sessions started: none yet.'
  return (
    <section aria-labelledby="hours-heading">
      <h2 id="hours-heading">By hour of day</h2>
      <BarChart caption="Focus minutes by the hour sessions started" summary={summary} bars={bars} />
    </section>
  )
}

const topTasks = 8

function ByTask({ stats }: { stats: Stats }) {
  const rows = stats.byTask.slice(0, topTasks)
  const titles = useTaskTitles(rows.flatMap((row) => (row.taskId ? [row.taskId] : [])))
  const top = Math.max(...rows.map((row) => row.focusedMinutes), 1)
  return (
    <section aria-labelledby="tasks-heading">
      <h2 id="tasks-heading">Time per task</h2>
      {rows.length === 0 && <p className="muted">No focus in this period yet.</p>}
      <ul className="by-task">
        {rows.map((row) => {
          const title = row.taskId ? titles.get(row.taskId) : 'No task'
          return (
            <li key={row.taskId ?? 'none'}>
              <span className="task-name">{title === undefined ? '…' : (title ?? 'A deleted task')}</span>
              <span className="muted">{`${minutes(row.focusedMinutes)} · ${plural(row.sessions, 'session')}`}</span>
              <svg viewBox="0 0 100 4" preserveAspectRatio="none" aria-hidden="true">
                <rect className="bar" width={(row.focusedMinutes / top) * 100} height={4} rx={1} />
              </svg>
            </li>
          )
        })}
      </ul>
    </section>
  )
}
