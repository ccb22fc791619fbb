import { currentUser } from '@focushub/shared/auth'
import { type App, problems, routeScope } from '@focushub/shared/http'
import type { NotificationContext } from '../../context.ts'
import { defaultKinds, findPreferences, savePreferences } from './preferences.repository.ts'
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
      const { muted, quietHours, kinds } = request.body
      return savePreferences(ctx.db, currentUser(request).userId, {
        muted,
        quietHours,
        kinds: { ...defaultKinds, ...kinds },
      })
    },
  )
}
