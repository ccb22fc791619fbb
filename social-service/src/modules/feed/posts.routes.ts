import { currentUser } from '@focushub/shared/auth'
import { contextOf } from '@focushub/shared/context'
import { type App, problems, routeScope } from '@focushub/shared/http'
import Type from 'typebox'
import type { SocialContext } from '../../context.ts'
import { LikeState, NewPost, Post, PostChanges, PostParams } from './feed.schemas.ts'
import { setLike } from './likes.service.ts'
import { createPost, editPost, readPost, removePost } from './posts.service.ts'

export async function postsRoutes(app: App, { ctx }: { ctx: SocialContext }) {
  routeScope(app, { tags: ['social'], access: 'user' })

  app.post(
    '/social/posts',
    {
      schema: {
        summary: 'Write a post (plain text, up to 5 tags, public, friends or private; 50 a day)',
        description:
          'Suspended from social features: 403 `social-suspended`. Over 50 in 24 hours: 429 `post-rate-limited` ' +
          'with `Retry-After`.',
        body: NewPost,
        response: { 201: Post, ...problems(400, 401, 403, 429) },
      },
    },
    async (request, reply) => reply.code(201).send(await createPost(ctx, contextOf(request), request.body)),
  )

  app.get(
    '/social/posts/:id',
    {
      schema: {
        summary: 'One post I may see (404 for any other, as for none)',
        params: PostParams,
        response: { 200: Post, ...problems(400, 401, 404) },
      },
    },
    async (request) => readPost(ctx, currentUser(request).userId, request.params.id),
  )

  app.patch(
    '/social/posts/:id',
    {
      schema: {
        summary: "Edit my post's body, tags or visibility",
        params: PostParams,
        body: PostChanges,
        response: { 200: Post, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => editPost(ctx, currentUser(request).userId, request.params.id, request.body),
  )

  app.delete(
    '/social/posts/:id',
    {
      schema: {
        summary: 'Delete my post, its comments and likes: gone for everyone',
        params: PostParams,
        response: { 204: Type.Null(), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await removePost(ctx, contextOf(request), request.params.id)
      return reply.code(204).send(null)
    },
  )

  for (const [method, liked] of [
    ['PUT', true],
    ['DELETE', false],
  ] as const) {
    app.route({
      method,
      url: '/social/posts/:id/like',
      schema: {
        summary: liked ? 'Like a post I may see (again: no change)' : 'Take my like back (none: no change)',
        params: PostParams,
        response: { 200: LikeState, ...(liked ? problems(400, 401, 403, 404) : problems(400, 401, 404)) },
      },
      handler: async (request) => setLike(ctx, contextOf(request), request.params.id, liked),
    })
  }
}
