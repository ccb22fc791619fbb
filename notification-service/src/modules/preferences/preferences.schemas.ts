import Type, { type Static } from 'typebox'

const Channels = Type.Object(
  {
    inApp: Type.Boolean({ description: 'In the inbox, pushed live to open clients' }),
    email: Type.Boolean({ description: 'By e-mail (sent once e-mail delivery lands)' }),
  },
  { additionalProperties: false },
)

/** Each kind's channels; in a write, a kind not named gets its default. */
const Kinds = Type.Object(
  {
    achievement_unlocked: Channels,
    daily_goal_reached: Channels,
    focus_session_shared: Channels,
    project_invitation: Channels,
    task_reminder: Channels,
    daily_agenda: Channels,
    streak_at_risk: Channels,
    weekly_review: Channels,
    friend_request: Channels,
    friend_accepted: Channels,
    new_follower: Channels,
    direct_message: Channels,
    webhook_disabled: Channels,
    export_ready: Channels,
  },
  { additionalProperties: false },
)

const LocalTime = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: "HH:MM of the user's day" })

const QuietHours = Type.Union(
  [
    Type.Object(
      { start: LocalTime, end: LocalTime },
      {
        additionalProperties: false,
        description: 'In the time zone of the profile, start included, end not; past midnight when end < start',
      },
    ),
    Type.Null(),
  ],
  { description: 'null: none (as is a window whose start equals its end)' },
)

const DefaultReminderMinutes = Type.Union([Type.Integer({ minimum: 0, maximum: 10080 }), Type.Null()], {
  description:
    'Minutes before the due of a task assigned to me that remind me when I set no reminders of my own for it; null: none',
})

const DailyAt = (what: string, defaults: { enabled: boolean; time: string }) =>
  Type.Object(
    { enabled: Type.Boolean(), time: LocalTime },
    {
      additionalProperties: false,
      description: `${what}, at a time of the profile's time zone (DST-proof: 08:00 stays 08:00); default ${defaults.enabled ? 'on' : 'off'} at ${defaults.time}`,
    },
  )

const Agenda = DailyAt("The daily agenda: today's and overdue tasks, the habits due, yesterday's focus", {
  enabled: false,
  time: '08:00',
})
const StreakNudge = DailyAt(
  'An evening nudge for each habit with a streak of 3 or more that is due and not checked in',
  {
    enabled: true,
    time: '20:00',
  },
)

const WeeklyReview = Type.Object(
  {
    enabled: Type.Boolean(),
    weekday: Type.Integer({ minimum: 1, maximum: 7, description: 'ISO weekday: 1 Monday … 7 Sunday' }),
    time: LocalTime,
  },
  {
    additionalProperties: false,
    description:
      "The weekly review (focus, tasks done, habits kept of the last whole week, against the week before), on a weekday at a time of the profile's time zone; default on, Monday at 08:00",
  },
)

export const Preferences = Type.Object({
  muted: Type.Boolean({ description: 'Nothing new on any channel while true' }),
  quietHours: QuietHours,
  kinds: Kinds,
  defaultReminderMinutes: DefaultReminderMinutes,
  agenda: Agenda,
  streakNudge: StreakNudge,
  weeklyReview: WeeklyReview,
})

export const PreferencesBody = Type.Object(
  {
    muted: Type.Boolean(),
    quietHours: QuietHours,
    kinds: Type.Optional(Type.Partial(Kinds, { additionalProperties: false })),
    defaultReminderMinutes: Type.Optional(DefaultReminderMinutes),
    agenda: Type.Optional(Agenda),
    streakNudge: Type.Optional(StreakNudge),
    weeklyReview: Type.Optional(WeeklyReview),
  },
  {
    additionalProperties: false,
    description:
      'Replaces the settings; a kind, agenda, streakNudge or weeklyReview not named gets its default, no defaultReminderMinutes is none',
  },
)

export type Preferences = Static<typeof Preferences>
export type KindChannels = Preferences['kinds']
export type DailyAt = Preferences['agenda']
export type WeeklyAt = Preferences['weeklyReview']
