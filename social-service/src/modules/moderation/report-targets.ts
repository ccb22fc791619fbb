import { errors } from '@focushub/shared/errors'
import { type Kysely, sql } from 'kysely'
import type { TargetType } from '../../db/tables/moderation.ts'
import type { Database } from '../../db/tables.ts'
import { noSuchUser } from '../connections/pair.ts'
import { unblocked, visibleTo } from '../feed/post-access.ts'
import { noSuchPost } from '../feed/posts.service.ts'
import { pairUnblocked } from '../messages/conversations.repository.ts'

/** What a report is about: whom (the author, or the user) and, for content, its text now (the case's snapshot). */
export interface ReportedTarget {
  subject_id: string
  text: string | null
  created_at: Date | null
}

const first = async (db: Kysely<Database>, query: ReturnType<typeof sql<ReportedTarget>>) =>
  (await query.execute(db)).rows[0]

/**
 * The target as `viewerId` may see it now, in one query each: a post they may read, a comment they may read
 * on one (not hidden, nor by someone blocked either way, unless theirs), a live message in a conversation
 * they are in (not a one-to-one with a block), a user with no block either way. Undefined for anything else.
 */
export function reportedTarget(db: Kysely<Database>, viewerId: string, target: { type: TargetType; id: string }) {
  switch (target.type) {
    case 'post':
      return first(
        db,
        sql<ReportedTarget>`
          select p.author_id as subject_id, p.body as text, p.created_at from posts p
          where p.id = ${target.id} and ${visibleTo(viewerId)}`,
      )
    case 'comment':
      return first(
        db,
        sql<ReportedTarget>`
          select c.author_id as subject_id, c.body as text, c.created_at
          from post_comments c join posts p on p.id = c.post_id
          where c.id = ${target.id} and ${visibleTo(viewerId)}
            and (c.author_id = ${viewerId} or (c.hidden_at is null and ${unblocked(viewerId, sql`c.author_id`)}))`,
      )
    case 'message':
      return first(
        db,
        sql<ReportedTarget>`
          select x.author_id as subject_id, x.body as text, x.created_at
          from messages x join conversation_members m on m.conversation_id = x.conversation_id
          where x.id = ${target.id} and m.user_id = ${viewerId} and ${pairUnblocked}
            and x.author_id is not null and x.deleted_at is null and x.hidden_at is null`,
      )
    case 'user':
      return first(
        db,
        sql<ReportedTarget>`
          select s.user_id as subject_id, null as text, null as created_at from social_profiles s
          where s.user_id = ${target.id} and (s.user_id = ${viewerId} or ${unblocked(viewerId, sql`s.user_id`)})`,
      )
  }
}

/** What a target one may not report answers: the 404 its own routes answer for a missing one. */
export const noSuchTarget = (type: TargetType) =>
  ({
    post: noSuchPost,
    comment: () => errors.notFound('No such comment'),
    message: () => errors.notFound('No such message'),
    user: noSuchUser,
  })[type]()
