import { type ExportCollection, idKey, wholeCollection } from '@focushub/shared/exports'
import { DateTime, Uuid } from '@focushub/shared/http'
import { type Kysely, sql } from 'kysely'
import Type from 'typebox'
import type { SocialContext } from '../../context.ts'
import type { Database } from '../../db/tables.ts'
import { toEntry } from '../connections/connections.view.ts'
import { findProfile } from '../connections/profiles.repository.ts'
import { toProfile } from '../connections/profiles.service.ts'
import { type EntryRow, lists } from '../connections/relations.repository.ts'
import { toComment, toPost } from '../feed/feed.view.ts'
import { postsOf } from '../feed/posts.repository.ts'
import { toMessage } from '../messages/messages.view.ts'

/** A time and an id: the key of what is ordered by when it was made, ties broken by id. */
const TimeKey = Type.Tuple([DateTime, Uuid])
type TimeKey = [string, string]

/**
 * One of the user's lists of people, oldest first, each entry as the list route shows it: one range of
 * the list's (owner, created_at, other) index. Unlike the route's, a list of blocks keeps whoever blocked
 * the user back: the user's blocks are theirs whatever the other did.
 */
const connections = (db: Kysely<Database>, name: 'friends' | 'following' | 'blocks'): ExportCollection => {
  const { table, owner, other } = lists[name]
  const otherRef = sql.ref(`r.${other}`)
  return {
    name,
    key: TimeKey,
    read: async (userId, after: TimeKey | undefined, limit) => {
      const from = after ? sql`and (r.created_at, ${otherRef}) > (${after[0]}::timestamptz, ${after[1]}::uuid)` : sql``
      const result = await sql<EntryRow>`
        select ${otherRef} as user_id, r.created_at, s.handle, u.display_name
        from ${sql.table(table)} r
        left join social_profiles s on s.user_id = ${otherRef}
        left join user_profiles u on u.user_id = ${otherRef}
        where ${sql.ref(`r.${owner}`)} = ${userId} ${from}
        order by r.created_at, ${otherRef}
        limit ${limit}`.execute(db)
      return result.rows.map(toEntry)
    },
    keyOf: (entry) => [entry.since as string, (entry.user as { userId: string }).userId],
  }
}

/**
 * A user's part of their export: their social profile, friends, whom they follow, whom they blocked, and
 * what they wrote (posts with their tags, comments, direct messages with their conversation) or liked,
 * each as the public API shows it to them. Every page is one index range: the lists' (owner, created_at,
 * other), posts_author (author_id, id), post_comments_author and messages_author (author_id, created_at),
 * post_likes_user (user_id, post_id).
 */
export const exportCollections = ({ db }: SocialContext): ExportCollection[] => [
  wholeCollection('profile', async (userId) => {
    const profile = await findProfile(db, userId)
    return profile ? [toProfile(profile)] : []
  }),
  connections(db, 'friends'),
  connections(db, 'following'),
  connections(db, 'blocks'),
  {
    name: 'posts',
    ...idKey,
    read: async (userId, after: string | undefined, limit) => {
      const from = after ? sql`and p.id > ${after}::uuid` : sql``
      const picked = sql`select p.id from posts p where p.author_id = ${userId} ${from} order by p.id limit ${limit}`
      // postsOf answers newest first.
      return (await postsOf(db, userId, picked)).reverse().map(toPost)
    },
  },
  {
    name: 'comments',
    key: TimeKey,
    read: async (userId, after: TimeKey | undefined, limit) =>
      (
        await db
          .selectFrom('post_comments as c')
          .leftJoin('social_profiles as s', 's.user_id', 'c.author_id')
          .leftJoin('user_profiles as u', 'u.user_id', 'c.author_id')
          .selectAll('c')
          .select(['s.handle', 'u.display_name'])
          .where('c.author_id', '=', userId)
          .$if(after !== undefined, (query) =>
            query.where(({ eb, refTuple, tuple }) => {
              const [createdAt, id] = after as TimeKey
              return eb(refTuple('c.created_at', 'c.id'), '>', tuple(new Date(createdAt), id))
            }),
          )
          .orderBy('c.created_at')
          .orderBy('c.id')
          .limit(limit)
          .execute()
      ).map(toComment),
    keyOf: (comment) => [comment.createdAt as string, comment.id as string],
  },
  {
    name: 'likes',
    key: Uuid,
    read: async (userId, after: string | undefined, limit) =>
      (
        await db
          .selectFrom('post_likes')
          .select(['post_id', 'created_at'])
          .where('user_id', '=', userId)
          .$if(after !== undefined, (query) => query.where('post_id', '>', after as string))
          .orderBy('post_id')
          .limit(limit)
          .execute()
      ).map((like) => ({ postId: like.post_id, likedAt: like.created_at.toISOString() })),
    keyOf: (like) => like.postId as string,
  },
  {
    name: 'messages',
    key: TimeKey,
    read: async (userId, after: TimeKey | undefined, limit) =>
      (
        await db
          .selectFrom('messages')
          .selectAll()
          .where('author_id', '=', userId)
          .$if(after !== undefined, (query) =>
            query.where(({ eb, refTuple, tuple }) => {
              const [createdAt, id] = after as TimeKey
              return eb(refTuple('created_at', 'id'), '>', tuple(new Date(createdAt), id))
            }),
          )
          .orderBy('created_at')
          .orderBy('id')
          .limit(limit)
          .execute()
      ).map((message) => toMessage(message, userId)),
    keyOf: (message) => [message.createdAt as string, message.id as string],
  },
]
