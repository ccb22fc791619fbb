import { type RawBuilder, sql } from 'kysely'

/** No block stands between `viewerId` and the person in column `person`, either way (two probes of the blocks' keys). */
export const unblocked = (viewerId: string, person: RawBuilder<unknown>) => sql<boolean>`(
  not exists (select 1 from blocks b where b.blocker_id = ${viewerId} and b.blocked_id = ${person})
  and not exists (select 1 from blocks b where b.blocker_id = ${person} and b.blocked_id = ${viewerId}))`

/**
 * Whether post `p` is visible to `viewerId`: always to its author; to anyone else only while no moderator
 * hid it and without a block either way, and then a `public` post to all, a `friends` one to the author's
 * friends, a `private` one to nobody. Every read and write of a post or of what hangs on it asks this in
 * its query.
 */
export const visibleTo = (viewerId: string) => sql<boolean>`(
  p.author_id = ${viewerId} or (p.hidden_at is null and ${unblocked(viewerId, sql`p.author_id`)} and (
    p.visibility = 'public'
    or (p.visibility = 'friends'
      and exists (select 1 from friendships f where f.user_id = p.author_id and f.friend_id = ${viewerId})))))`
