import { requireServiceCaller } from '@focushub/shared/auth'
import { exportRoute } from '@focushub/shared/exports'
import { type App, routeScope } from '@focushub/shared/http'
import type { SocialContext } from '../../context.ts'
import { exportCollections } from '../export/export.collections.ts'

/**
 * Routes for other services (notification-service's exports), never routed by the gateway: each answers only
 * a service credential listed in SOCIAL_INTERNAL_CALLERS (an access token gets 401).
 */
export async function internalRoutes(app: App, { ctx }: { ctx: SocialContext }) {
  routeScope(app, {
    tags: ['internal'],
    access: { onRequest: requireServiceCaller(ctx.config.SOCIAL_INTERNAL_CALLERS), security: [{ serviceAuth: [] }] },
  })

  exportRoute(app, exportCollections(ctx))
}
