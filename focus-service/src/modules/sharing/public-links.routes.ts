import { type App, problems } from '@focushub/shared'
import type { FocusContext } from '../../context.ts'
import { PublicParams, PublicSession } from './sharing.schemas.ts'
import { publicSession } from './sharing.service.ts'

/** The one route without a token: the link's random token is the credential. */
export async function publicLinkRoutes(app: App, { ctx }: { ctx: FocusContext }) {
  app.get(
    '/focus/public/:token',
    {
      schema: {
        tags: ['focus sharing'],
        summary: 'A session shared by public link (no token needed; 410 once revoked or expired)',
        params: PublicParams,
        response: { 200: PublicSession, ...problems(400, 404, 410) },
      },
    },
    async (request) => publicSession(ctx, request.params.token),
  )
}
