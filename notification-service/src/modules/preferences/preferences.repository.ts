import type { Kysely } from 'kysely'
import type { Database } from '../../db/tables.ts'
import type { NotificationKind } from '../notifications/notifications.schemas.ts'
import type { DailyAt, KindChannels, Preferences, WeeklyAt } from './preferences.schemas.ts'

/**
 * Until a user changes anything: every kind in the inbox; by e-mail only what asks for an answer
 * (a project invitation, a friend request) or what the user asked for (a task reminder). No mute, no quiet hours, no
 * default reminder.
 */
export const defaultKinds: KindChannels = {
  achievement_unlocked: { inApp: true, email: false },
  daily_goal_reached: { inApp: true, email: false },
  focus_session_shared: { inApp: true, email: false },
  project_invitation: { inApp: true, email: true },
  task_reminder: { inApp: true, email: true },
  daily_agenda: { inApp: true, email: true },
  streak_at_risk: { inApp: true, email: false },
  weekly_review: { inApp: true, email: true },
  friend_request: { inApp: true, email: true },
  friend_accepted: { inApp: true, email: false },
  new_follower: { inApp: true, email: false },
  direct_message: { inApp: true, email: false },
  webhook_disabled: { inApp: true, email: true },
  export_ready: { inApp: true, email: true },
}

/** The daily agenda is off until asked for; the streak nudge is on (it only speaks of streaks of 3 or more). */
export const defaultAgenda: DailyAt = { enabled: false, time: '08:00' }
export const defaultStreakNudge: DailyAt = { enabled: true, time: '20:00' }
/** The weekly review is on, Monday morning: once a week, and it is what the nightly statistics were for. */
export const defaultWeeklyReview: WeeklyAt = { enabled: true, weekday: 1, time: '08:00' }

export type PreferencesRow = {
  muted: boolean
  quiet_start: string | null
  quiet_end: string | null
  kinds: Partial<KindChannels>
  default_reminder_minutes?: number | null
  agenda_enabled?: boolean
  agenda_time?: string
  streak_nudge_enabled?: boolean
  streak_nudge_time?: string
  weekly_review_enabled?: boolean
  weekly_review_weekday?: number
  weekly_review_time?: string
}

export const toPreferences = (row: PreferencesRow | undefined): Preferences => ({
  muted: row?.muted ?? false,
  quietHours: row?.quiet_start && row.quiet_end ? { start: row.quiet_start, end: row.quiet_end } : null,
  kinds: { ...defaultKinds, ...row?.kinds },
  defaultReminderMinutes: row?.default_reminder_minutes ?? null,
  agenda: {
    enabled: row?.agenda_enabled ?? defaultAgenda.enabled,
    time: row?.agenda_time ?? defaultAgenda.time,
  },
  streakNudge: {
    enabled: row?.streak_nudge_enabled ?? defaultStreakNudge.enabled,
    time: row?.streak_nudge_time ?? defaultStreakNudge.time,
  },
  weeklyReview: {
    enabled: row?.weekly_review_enabled ?? defaultWeeklyReview.enabled,
    weekday: row?.weekly_review_weekday ?? defaultWeeklyReview.weekday,
    time: row?.weekly_review_time ?? defaultWeeklyReview.time,
  },
})

export async function findPreferences(db: Kysely<Database>, userId: string) {
  const row = await db
    .selectFrom('notification_preferences')
    .selectAll()
    .where('user_id', '=', userId)
    .executeTakeFirst()
  return toPreferences(row)
}

/**
 * Replaces the user's settings (a window whose start equals its end is none); a default reminder, an
 * agenda, a streak nudge or a weekly review not given stays as it was.
 */
export async function savePreferences(
  db: Kysely<Database>,
  userId: string,
  preferences: Omit<Preferences, 'defaultReminderMinutes' | 'agenda' | 'streakNudge' | 'weeklyReview'> &
    Partial<Pick<Preferences, 'agenda' | 'streakNudge' | 'weeklyReview'>> & { defaultReminderMinutes?: number | null },
) {
  const { start, end } = preferences.quietHours ?? {}
  const quiet = start !== undefined && start !== end
  const row = {
    muted: preferences.muted,
    quiet_start: quiet ? start : null,
    quiet_end: quiet ? (end as string) : null,
    kinds: JSON.stringify(preferences.kinds),
    ...(preferences.defaultReminderMinutes === undefined
      ? {}
      : { default_reminder_minutes: preferences.defaultReminderMinutes }),
    ...(preferences.agenda && { agenda_enabled: preferences.agenda.enabled, agenda_time: preferences.agenda.time }),
    ...(preferences.streakNudge && {
      streak_nudge_enabled: preferences.streakNudge.enabled,
      streak_nudge_time: preferences.streakNudge.time,
    }),
    ...(preferences.weeklyReview && {
      weekly_review_enabled: preferences.weeklyReview.enabled,
      weekly_review_weekday: preferences.weeklyReview.weekday,
      weekly_review_time: preferences.weeklyReview.time,
    }),
    updated_at: new Date(),
  }
  const saved = await db
    .insertInto('notification_preferences')
    .values({ user_id: userId, ...row })
    .onConflict((c) => c.column('user_id').doUpdateSet(row))
    .returningAll()
    .executeTakeFirstOrThrow()
  return toPreferences(saved)
}

/** Those of some users who take no in-app notification of `kind`: muted, or that kind's in-app off. */
export async function inAppRefusals(db: Kysely<Database>, userIds: string[]) {
  if (userIds.length === 0) return new Map<string, (kind: NotificationKind) => boolean>()
  const rows = await db.selectFrom('notification_preferences').selectAll().where('user_id', 'in', userIds).execute()
  return new Map(
    rows.map((row) => {
      const preferences = toPreferences(row)
      return [row.user_id, (kind: NotificationKind) => preferences.muted || !preferences.kinds[kind].inApp] as const
    }),
  )
}

export async function erasePreferences(trx: Kysely<Database>, userId: string) {
  await trx.deleteFrom('notification_preferences').where('user_id', '=', userId).execute()
}
