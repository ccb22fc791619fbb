import type { Generated } from 'kysely'

export type PostVisibility = 'public' | 'friends' | 'private'

/** A post; its ids are UUIDv7 (time-ordered), and it counts its likes and comments itself. */
export interface PostsTable {
  id: string
  author_id: string
  body: string
  /** Lower-cased, unique, at most 5. */
  tags: string[]
  visibility: PostVisibility
  like_count: Generated<number>
  comment_count: Generated<number>
  created_at: Generated<Date>
  edited_at: Date | null
  /** Set when a moderator hid it: then only its author reads it, with the reason. */
  hidden_at: Generated<Date | null>
  hidden_reason: Generated<string | null>
}

/** The tags of public posts only (the public tag feed reads nothing else). */
export interface PostTagsTable {
  tag: string
  post_id: string
  author_id: string
}

export interface PostCommentsTable {
  id: string
  post_id: string
  author_id: string
  body: string
  created_at: Generated<Date>
  /** Set when a moderator hid it: then only its author reads it, with the reason. */
  hidden_at: Generated<Date | null>
  hidden_reason: Generated<string | null>
}

export interface PostLikesTable {
  post_id: string
  user_id: string
  created_at: Generated<Date>
}

export interface FeedDatabase {
  posts: PostsTable
  post_tags: PostTagsTable
  post_comments: PostCommentsTable
  post_likes: PostLikesTable
}
