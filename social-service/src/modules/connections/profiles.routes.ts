import { currentUser } from '@focushub/shared/auth'
import { type App, problems, routeScope } from '@focushub/shared/http'
import type { SocialContext } from '../../context.ts'
import { PeopleQuery, PeopleResult, ProfileChanges, ProfileHeaders, SocialProfile } from './connections.schemas.ts'
import { changeMyProfile, myProfile, searchPeople } from './profiles.service.ts'

export async function profilesRoutes(app: App, { ctx }: { ctx: SocialContext }) {
  routeScope(app, { tags: ['social'], access: 'user' })

  app.get(
    '/social/me',
    {
      schema: {
        summary: 'My social profile: handle, privacy and milestone posts (ETag: its version)',
        response: { 200: SocialProfile, ...problems(401) },
      },
    },
    async (request) => myProfile(ctx, currentUser(request).userId),
  )

  app.patch(
    '/social/me',
    {
      schema: {
        summary:
          'Change my handle (null: none), privacy or milestone posts, at the version I read (If-Match or `version`)',
        headers: ProfileHeaders,
        body: ProfileChanges,
        response: { 200: SocialProfile, ...problems(400, 401, 409, 412) },
      },
    },
    async (request) =>
      changeMyProfile(ctx, currentUser(request).userId, request.body, request.body.version ?? request.ifMatchVersion),
  )

  app.get(
    '/social/people',
    {
      schema: {
        summary: 'Find people by the start of their display name or handle (at least 2 characters)',
        querystring: PeopleQuery,
        response: { 200: PeopleResult, ...problems(400, 401) },
      },
    },
    async (request) => searchPeople(ctx, currentUser(request).userId, request.query),
  )
}
