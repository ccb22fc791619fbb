import { DateTime, Page, PageQuery, Uuid } from '@focushub/shared/http'
import Type, { type TSchema } from 'typebox'
import { feedLimits, plainTextPattern, tagPattern } from './feed.rules.ts'

const Nullable = <T extends TSchema>(schema: T, description?: string) =>
  Type.Union([schema, Type.Null()], description ? { description } : {})

const plainText = (max: number) =>
  Type.String({
    minLength: 1,
    maxLength: max,
    pattern: plainTextPattern,
    description:
      `Plain text, 1 to ${max} characters, not only white space, line breaks but no other control characters; ` +
      'stored trimmed, never rendered as HTML (clients show links as text)',
  })

export const Visibility = Type.Union([Type.Literal('public'), Type.Literal('friends'), Type.Literal('private')], {
  description: '`public`: anyone not blocked either way; `friends`: the author’s friends; `private`: only the author',
})

const Tags = Type.Array(Type.String({ pattern: tagPattern }), {
  maxItems: feedLimits.tagsPerPost,
  description: 'Up to 5 tags of letters, digits, `_` and `-` (1–30 characters), stored lower-cased, each once',
})

export const PostParams = Type.Object({ id: Uuid })
export const CommentParams = Type.Object({ id: Uuid, commentId: Uuid })
export const PersonParams = Type.Object({ userId: Uuid })
export const TagParams = Type.Object({ tag: Type.String({ pattern: tagPattern }) })

export const NewPost = Type.Object(
  {
    body: plainText(feedLimits.postCharacters),
    tags: Type.Optional(Tags),
    visibility: Type.Optional(Type.Union(Visibility.anyOf, { description: 'Default `friends`' })),
  },
  { additionalProperties: false },
)

export const PostChanges = Type.Object(
  {
    body: Type.Optional(plainText(feedLimits.postCharacters)),
    tags: Type.Optional(Tags),
    visibility: Type.Optional(Visibility),
  },
  { additionalProperties: false, minProperties: 1 },
)

export const NewComment = Type.Object(
  { body: plainText(feedLimits.commentCharacters) },
  { additionalProperties: false },
)

export const Author = Type.Object({
  userId: Uuid,
  handle: Nullable(Type.String()),
  displayName: Nullable(Type.String()),
})

const Hidden = Nullable(
  Type.Object({ reason: Type.String(), at: DateTime }),
  'Set when a moderator hid it: then only its author sees it, with why (null otherwise)',
)

export const Post = Type.Object({
  id: Uuid,
  author: Author,
  body: Type.String(),
  tags: Type.Array(Type.String()),
  visibility: Visibility,
  likeCount: Type.Integer({ minimum: 0 }),
  commentCount: Type.Integer({
    minimum: 0,
    description: 'All comments, including any hidden from me (a block, a moderator)',
  }),
  likedByMe: Type.Boolean(),
  createdAt: DateTime,
  editedAt: Nullable(DateTime),
  hidden: Hidden,
})

export const Comment = Type.Object({
  id: Uuid,
  postId: Uuid,
  author: Author,
  body: Type.String(),
  createdAt: DateTime,
  hidden: Hidden,
})

export const LikeState = Type.Object({ liked: Type.Boolean(), likeCount: Type.Integer({ minimum: 0 }) })

export const FeedQuery = Type.Object(PageQuery, { additionalProperties: false })
export const PostPage = Page(Post)
export const CommentPage = Page(Comment)
