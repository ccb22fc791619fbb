import { type ChangeEvent, type FormEvent, useState } from 'react'
import { fieldMessage, formMessage } from '../api/problem.ts'
import { beforePresets, beforeText } from '../tasks/task-reminders-text.ts'
import { Field, FormMessage, TextField } from '../ui/field.tsx'
import {
  type NotificationKind,
  type NotificationSettings,
  useNotificationSettings,
  useSaveNotificationSettings,
} from './notification-queries.ts'
import './notifications.css'

type Kinds = NotificationSettings['kinds']
type Channel = keyof Kinds[NotificationKind]

/** The kinds' names (by code: a kind an API newer than this app answers shows as its code). */
const kindNames: Record<string, string | undefined> = {
  achievement_unlocked: 'Achievement unlocked',
  daily_goal_reached: 'Daily goal reached',
  focus_session_shared: 'Focus session shared with me',
  project_invitation: 'Project invitation',
  task_reminder: 'Task reminder',
  daily_agenda: 'Daily agenda',
  streak_at_risk: 'Streak at risk',
  weekly_review: 'Weekly review',
  friend_request: 'Friend request',
  friend_accepted: 'Friend request accepted',
  new_follower: 'New follower',
  direct_message: 'Direct messages',
  webhook_disabled: 'Webhook turned off',
  export_ready: 'Export ready',
}

/** ISO weekdays, 1 Monday … 7 Sunday, named in the browser's language (2024-01-01 was a Monday). */
const weekdays = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
  weekday,
  name: new Date(Date.UTC(2024, 0, weekday, 12)).toLocaleDateString(undefined, { weekday: 'long', timeZone: 'UTC' }),
}))

const channels: { channel: Channel; name: string }[] = [
  { channel: 'inApp', name: 'In-app' },
  { channel: 'email', name: 'E-mail' },
]

/** What notification-service tells the user and how: each kind's channels, a global mute, quiet hours. */
export function NotificationSettingsSection() {
  const settings = useNotificationSettings()
  const save = useSaveNotificationSettings()
  return (
    <section aria-labelledby="notification-settings-heading">
      <h2 id="notification-settings-heading">Notifications</h2>
      <FormMessage message={formMessage(save.error ?? settings.error)} />
      {settings.data && (
        <NotificationSettingsForm key={JSON.stringify(settings.data)} settings={settings.data} save={save} />
      )}
      <p className="muted" role="status">
        {save.isSuccess ? 'Notifications updated.' : ''}
      </p>
    </section>
  )
}

function NotificationSettingsForm({
  settings,
  save,
}: {
  settings: NotificationSettings
  save: ReturnType<typeof useSaveNotificationSettings>
}) {
  const [kinds, setKinds] = useState(settings.kinds)
  const [muted, setMuted] = useState(settings.muted)
  const [quiet, setQuiet] = useState(settings.quietHours !== null)
  const [start, setStart] = useState(settings.quietHours?.start ?? '22:00')
  const [end, setEnd] = useState(settings.quietHours?.end ?? '07:00')
  const [defaultReminder, setDefaultReminder] = useState(settings.defaultReminderMinutes)
  const [agenda, setAgenda] = useState(settings.agenda)
  const [streakNudge, setStreakNudge] = useState(settings.streakNudge)
  const [weeklyReview, setWeeklyReview] = useState(settings.weeklyReview)
  // A time field left empty says so itself: the API would refuse it only by its pattern.
  const [blank, setBlank] = useState<string[]>([])
  const errorOf = (field: string) => (blank.includes(field) ? 'Enter a time.' : fieldMessage(save.error, field))
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const times = {
      'quietHours/start': quiet ? start : 'off',
      'quietHours/end': quiet ? end : 'off',
      'agenda/time': agenda.time,
      'streakNudge/time': streakNudge.time,
      'weeklyReview/time': weeklyReview.time,
    }
    const empty = Object.entries(times).flatMap(([field, time]) => (time === '' ? [field] : []))
    setBlank(empty)
    if (empty.length > 0) return
    save.mutate({
      muted,
      quietHours: quiet ? { start, end } : null,
      kinds,
      defaultReminderMinutes: defaultReminder,
      agenda,
      streakNudge,
      weeklyReview,
    })
  }
  const toggle = (kind: NotificationKind, channel: Channel, on: boolean) =>
    setKinds({ ...kinds, [kind]: { ...kinds[kind], [channel]: on } })
  return (
    <form className="settings-form notification-settings" onSubmit={submit} noValidate>
      <label className="switch-row">
        <input type="checkbox" {...switchOf(muted, setMuted)} />
        Mute all notifications
      </label>
      <table className="channels">
        <caption className="visually-hidden">Channels per kind of notification</caption>
        <thead>
          <tr>
            <th scope="col">Kind</th>
            {channels.map(({ channel, name }) => (
              <th key={channel} scope="col">
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {(Object.keys(kinds) as NotificationKind[]).map((kind) => (
            <tr key={kind}>
              <th scope="row">{kindNames[kind] ?? kind}</th>
              {channels.map(({ channel, name }) => (
                <td key={channel}>
                  <input
                    type="checkbox"
                    aria-label={`${name}: ${kindNames[kind] ?? kind}`}
                    {...switchOf(kinds[kind][channel], (on) => toggle(kind, channel, on))}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <label className="switch-row">
        <input type="checkbox" {...switchOf(quiet, setQuiet)} />
        Quiet hours
      </label>
      {quiet && (
        <div className="quiet-hours">
          <TextField
            label="From"
            type="time"
            value={start}
            onChange={(event) => setStart(event.target.value)}
            error={errorOf('quietHours/start')}
          />
          <TextField
            label="Until"
            type="time"
            value={end}
            onChange={(event) => setEnd(event.target.value)}
            error={errorOf('quietHours/end')}
          />
        </div>
      )}
      <Field label="Default reminder" error={fieldMessage(save.error, 'defaultReminderMinutes')}>
        {(control) => (
          <select
            {...control}
            value={defaultReminder ?? ''}
            onChange={(event) => setDefaultReminder(event.target.value === '' ? null : Number(event.target.value))}
          >
            <option value="">None</option>
            {/* The presets, and a value set elsewhere that is none of them. */}
            {[...new Set([...beforePresets, defaultReminder ?? 0])].map((minutes) => (
              <option key={minutes} value={minutes}>
                {beforeText(minutes)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <DailyAtField
        label="Daily agenda"
        timeLabel="Agenda time"
        field="agenda"
        value={agenda}
        onChange={setAgenda}
        errorOf={errorOf}
      />
      <DailyAtField
        label="Streak at risk reminder"
        timeLabel="Streak reminder time"
        field="streakNudge"
        value={streakNudge}
        onChange={setStreakNudge}
        errorOf={errorOf}
      />
      <WeeklyReviewField value={weeklyReview} onChange={setWeeklyReview} errorOf={errorOf} />
      <p className="muted hint">
        The weekly review sums up the last whole week (Monday to Sunday): focus, tasks done and habits kept, against the
        week before; the past weeks are under Stats. The daily agenda lists your tasks due today and overdue, the habits
        due and yesterday's focus; the streak reminder tells you in the evening of each habit with a streak of 3 or more
        not yet checked in. Both follow your profile's time zone. The default reminder reminds you of a task assigned to
        you, before its due, when you set none of your own on it. Mute stops every notification. Quiet hours are in your
        profile's time zone: e-mail waits until they end, while the inbox fills as usual.
      </p>
      <button type="submit" className="primary" disabled={save.isPending}>
        Update notifications
      </button>
    </form>
  )
}

type DailyAt = NotificationSettings['agenda']

/** A daily notification's switch and its local time. */
function DailyAtField({
  label,
  timeLabel,
  field,
  value,
  onChange,
  errorOf,
}: {
  label: string
  timeLabel: string
  field: 'agenda' | 'streakNudge'
  value: DailyAt
  onChange: (value: DailyAt) => void
  errorOf: (field: string) => string | undefined
}) {
  return (
    <div className="quiet-hours">
      <label className="switch-row">
        <input type="checkbox" {...switchOf(value.enabled, (enabled) => onChange({ ...value, enabled }))} />
        {label}
      </label>
      <TextField
        label={timeLabel}
        type="time"
        value={value.time}
        disabled={!value.enabled}
        onChange={(event) => onChange({ ...value, time: event.target.value })}
        error={errorOf(`${field}/time`)}
      />
    </div>
  )
}

type WeeklyAt = NotificationSettings['weeklyReview']

/** The weekly review's switch, its weekday and its local time. */
function WeeklyReviewField({
  value,
  onChange,
  errorOf,
}: {
  value: WeeklyAt
  onChange: (value: WeeklyAt) => void
  errorOf: (field: string) => string | undefined
}) {
  return (
    <div className="quiet-hours weekly-review">
      <label className="switch-row">
        <input type="checkbox" {...switchOf(value.enabled, (enabled) => onChange({ ...value, enabled }))} />
        Weekly review
      </label>
      <Field label="Review day" error={errorOf('weeklyReview/weekday')}>
        {(control) => (
          <select
            {...control}
            value={value.weekday}
            disabled={!value.enabled}
            onChange={(event) => onChange({ ...value, weekday: Number(event.target.value) })}
          >
            {weekdays.map(({ weekday, name }) => (
              <option key={weekday} value={weekday}>
                {name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <TextField
        label="Review time"
        type="time"
        value={value.time}
        disabled={!value.enabled}
        onChange={(event) => onChange({ ...value, time: event.target.value })}
        error={errorOf('weeklyReview/time')}
      />
    </div>
  )
}

/** A checkbox's props as an on/off switch (`role="switch"`, its state in `aria-checked` too). */
const switchOf = (checked: boolean, onChange: (on: boolean) => void) => ({
  role: 'switch',
  'aria-checked': checked,
  checked,
  onChange: (event: ChangeEvent<HTMLInputElement>) => onChange(event.target.checked),
})
