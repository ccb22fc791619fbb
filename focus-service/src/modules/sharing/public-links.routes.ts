import { type App, problems, routeScope } from '@focushub/shared/http'
import type { FocusContext } from '../../context.ts'
import { PublicParams, PublicSession } from './sharing.schemas.ts'
import { publicSession } from './sharing.service.ts'

/** The one route without a token: the link's random token is the credential. */
export async function publicLinkRoutes(app: App, { ctx }: { ctx: FocusContext }) {
  routeScope(app, { tags: ['focus sharing'], access: 'public' })

  app.get(
    '/focus/public/:token',
    {
      schema: {
        summary: 'A session shared by public link (no token needed; 410 once revoked or expired)',
        params: PublicParams,
        response: { 200: PublicSession, ...problems(400, 404, 410) },
      },
    },
    async (request) => publicSession(ctx, request.params.token),
  )
}
