import Type from 'typebox'

const Limit = (fallback: number) => Type.Integer({ minimum: 1, maximum: 1_000_000, default: fallback })

/** Per-user limits on connections (a write past one answers 409 with its code); rate limits are the gateway's. */
export const connectionsConfig = {
  FOLLOWS_MAX: Limit(5000),
  PENDING_FRIEND_REQUESTS_MAX: Limit(500),
  FRIENDS_MAX: Limit(5000),
  BLOCKS_MAX: Limit(10_000),
}
