import { requireServiceCaller } from '@focushub/shared/auth'
import { type App, problems, routeScope } from '@focushub/shared/http'
import type { FocusContext } from '../../context.ts'
import { reportConnected } from './participation.service.ts'
import { PresenceReport, PresenceSeen } from './rooms.schemas.ts'

/**
 * Presence from the live connections: each gateway replica reports, every LIVE_PRESENCE_REPORT_MS and at
 * once when a user's first stream opens, who has a live stream open on it. Never routed by the gateway:
 * only a service credential listed in FOCUS_INTERNAL_CALLERS is answered (an access token gets 401).
 */
export async function roomPresenceRoutes(app: App, { ctx }: { ctx: FocusContext }) {
  routeScope(app, {
    tags: ['internal'],
    access: { onRequest: requireServiceCaller(ctx.config.FOCUS_INTERNAL_CALLERS), security: [{ serviceAuth: [] }] },
  })

  app.post(
    '/internal/rooms/presence',
    {
      schema: {
        summary: 'Users with a live stream open on a gateway: their room participants are seen now',
        description:
          'Participants among them are not away (FOCUS_ROOM_AWAY_AFTER_MS counts from this report); one the ' +
          'presence sweeper had marked away comes back (`focus.room.presence_changed`). Users in no room ' +
          'are ignored.',
        body: PresenceReport,
        response: { 200: PresenceSeen, ...problems(400, 401) },
      },
    },
    async (request) => reportConnected(ctx, request.body.userIds, String(request.id)),
  )
}
