import type { App } from '@focushub/shared/http'
import type { SocialContext } from '../../context.ts'
import { casesRoutes } from './cases.routes.ts'
import { reportsRoutes } from './reports.routes.ts'

/** The moderation module: anyone's reports and standing; the moderators' queue, decisions and log. */
export async function moderationRoutes(app: App, options: { ctx: SocialContext }) {
  await app.register(reportsRoutes, options)
  await app.register(casesRoutes, options)
}
