import { type App, currentUser, problems } from '@focushub/shared'
import type { FocusContext } from '../../context.ts'
import { findSettings, saveSettings } from './settings.repository.ts'
import { Settings, SettingsBody } from './settings.schemas.ts'

const security = [{ bearerAuth: [] }]

export async function settingsRoutes(app: App, { ctx }: { ctx: FocusContext }) {
  app.get(
    '/focus/settings',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['focus'],
        summary: 'My timer defaults',
        security,
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
      onRequest: app.authenticate,
      schema: {
        tags: ['focus'],
        summary: 'Replace my timer defaults (sessions already started keep their plan)',
        security,
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
