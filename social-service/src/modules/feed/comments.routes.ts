import { currentUser } from '@focushub/shared/auth'
import { contextOf } from '@focushub/shared/context'
import { type App, problems, routeScope } from '@focushub/shared/http'
import Type from 'typebox'
import type { SocialContext } from '../../context.ts'
import { addComment, listComments, removeComment } from './comments.service.ts'
import { Comment, CommentPage, CommentParams, FeedQuery, NewComment, PostParams } from './feed.schemas.ts'

export async function commentsRoutes(app: App, { ctx }: { ctx: SocialContext }) {
  routeScope(app, { tags: ['social'], access: 'user' })

  app.get(
    '/social/posts/:id/comments',
    {
      schema: {
        summary: "A post's comments, oldest first (without those of anyone blocked either way)",
        params: PostParams,
        querystring: FeedQuery,
        response: { 200: CommentPage, ...problems(400, 401, 404) },
      },
    },
    async (request) => listComments(ctx, currentUser(request).userId, request.params.id, request.query),
  )

  app.post(
    '/social/posts/:id/comments',
    {
      schema: {
        summary: 'Comment on a post I may see (plain text; 500 a day)',
        description:
          'Suspended from social features: 403 `social-suspended`. Over 500 in 24 hours: 429 ' +
          '`comment-rate-limited` with `Retry-After`.',
        params: PostParams,
        body: NewComment,
        response: { 201: Comment, ...problems(400, 401, 403, 404, 429) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addComment(ctx, contextOf(request), request.params.id, request.body.body)),
  )

  app.delete(
    '/social/posts/:id/comments/:commentId',
    {
      schema: {
        summary: 'Delete my comment, or any comment on my post',
        params: CommentParams,
        response: { 204: Type.Null(), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await removeComment(ctx, currentUser(request).userId, request.params)
      return reply.code(204).send(null)
    },
  )
}
