import { currentUser } from '@focushub/shared/auth'
import { type App, problems, routeScope } from '@focushub/shared/http'
import type { NotificationContext } from '../../context.ts'
import { armDailyJobs } from '../agenda/agenda.service.ts'
import { defaultReminderChanged } from '../reminders/reminders.service.ts'
import {
  defaultAgenda,
  defaultKinds,
  defaultStreakNudge,
  defaultWeeklyReview,
  findPreferences,
  savePreferences,
} from './preferences.repository.ts'
import { Preferences, PreferencesBody } from './preferences.schemas.ts'

export async function preferencesRoutes(app: App, { ctx }: { ctx: NotificationContext }) {
  routeScope(app, { tags: ['notifications'], access: 'user' })

  app.get(
    '/notification-settings',
    {
      schema: {
        summary: 'My notification settings: per kind and channel, mute, quiet hours',
        response: { 200: Preferences, ...problems(401) },
      },
    },
    async (request) => findPreferences(ctx.db, currentUser(request).userId),
  )

  app.put(
    '/notification-settings',
    {
      schema: {
        summary: 'Replace my notification settings (a kind not named gets its default)',
        body: PreferencesBody,
        response: { 200: Preferences, ...problems(400, 401) },
      },
    },
    async (request) => {
      const {
        muted,
        quietHours,
        kinds,
        defaultReminderMinutes = null,
        agenda = defaultAgenda,
        streakNudge = defaultStreakNudge,
        weeklyReview = defaultWeeklyReview,
      } = request.body
      const { userId } = currentUser(request)
      return ctx.db.transaction().execute(async (trx) => {
        const before = await findPreferences(trx, userId)
        const saved = await savePreferences(trx, userId, {
          muted,
          quietHours,
          kinds: { ...defaultKinds, ...kinds },
          defaultReminderMinutes,
          agenda,
          streakNudge,
          weeklyReview,
        })
        if (before.defaultReminderMinutes !== defaultReminderMinutes) await defaultReminderChanged(trx, userId)
        const daily = (p: typeof before) => JSON.stringify([p.agenda, p.streakNudge, p.weeklyReview])
        if (daily(before) !== daily(saved)) await armDailyJobs(trx, userId)
        return saved
      })
    },
  )
}
