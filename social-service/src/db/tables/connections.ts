import type { Generated } from 'kysely'

/** Times are kept to the millisecond, as the page cursors carry them. */
export interface FollowsTable {
  follower_id: string
  followee_id: string
  created_at: Generated<Date>
}

/** Pending requests only: an accepted one becomes a friendship, a declined or cancelled one is deleted. */
export interface FriendRequestsTable {
  from_id: string
  to_id: string
  created_at: Generated<Date>
}

/** One friendship is two rows, (a, b) and (b, a), so each side's list is one index range. */
export interface FriendshipsTable {
  user_id: string
  friend_id: string
  created_at: Generated<Date>
}

export interface BlocksTable {
  blocker_id: string
  blocked_id: string
  created_at: Generated<Date>
}
