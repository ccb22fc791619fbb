import { currentUser } from '@focushub/shared/auth'
import { type App, problems, routeScope } from '@focushub/shared/http'
import type { SocialContext } from '../../context.ts'
import { FeedQuery, PersonParams, PostPage, TagParams } from './feed.schemas.ts'
import { myFeed, personPosts, tagFeed } from './feed.service.ts'

export async function feedReadsRoutes(app: App, { ctx }: { ctx: SocialContext }) {
  routeScope(app, { tags: ['social'], access: 'user' })

  app.get(
    '/social/feed',
    {
      schema: {
        summary: 'My feed: what I may see of the people I follow, and my own posts, newest first',
        querystring: FeedQuery,
        response: { 200: PostPage, ...problems(400, 401) },
      },
    },
    async (request) => myFeed(ctx, currentUser(request).userId, request.query),
  )

  app.get(
    '/social/tags/:tag/posts',
    {
      schema: {
        summary: 'The public posts with a tag (any case), newest first',
        params: TagParams,
        querystring: FeedQuery,
        response: { 200: PostPage, ...problems(400, 401) },
      },
    },
    async (request) => tagFeed(ctx, currentUser(request).userId, request.params.tag, request.query),
  )

  app.get(
    '/social/people/:userId/posts',
    {
      schema: {
        summary: "What I may see of someone's posts, newest first (404 for nobody or a block either way)",
        params: PersonParams,
        querystring: FeedQuery,
        response: { 200: PostPage, ...problems(400, 401, 404) },
      },
    },
    async (request) => personPosts(ctx, currentUser(request).userId, request.params.userId, request.query),
  )
}
