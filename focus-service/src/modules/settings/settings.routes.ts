import { currentUser } from '@focushub/shared/auth'
import { type App, problems, routeScope } from '@focushub/shared/http'
import type { FocusContext } from '../../context.ts'
import { findSettings, saveSettings } from './settings.repository.ts'
import { Settings, SettingsBody } from './settings.schemas.ts'

export async function settingsRoutes(app: App, { ctx }: { ctx: FocusContext }) {
  routeScope(app, { tags: ['focus'], access: 'user' })

  app.get(
    '/focus/settings',
    {
      schema: {
        summary: 'My timer defaults',
        response: { 200: Settings, ...problems(401) },
      },
    },
    async (request) => {
      const { dailyGoalMinutes: _, ...plan } = await findSettings(ctx.db, currentUser(request).userId)
      return plan
    },
  )

  app.put(
    '/focus/settings',
    {
      schema: {
        summary: 'Replace my timer defaults (sessions already started keep their plan)',
        body: SettingsBody,
        response: { 200: Settings, ...problems(400, 401) },
      },
    },
    async (request) => {
      const userId = currentUser(request).userId
      const { dailyGoalMinutes } = await findSettings(ctx.db, userId)
      await saveSettings(ctx.db, userId, { ...request.body, dailyGoalMinutes }, ctx.now())
      return request.body
    },
  )
}
