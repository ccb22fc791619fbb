import { errors } from '@focushub/shared/errors'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/tables.ts'
import { socialError } from '../../errors.ts'
import { blocksBetween, ensureProfile, lockPair } from './profiles.repository.ts'

/** What a missing user, and a user blocked either way, both answer: nothing tells the two apart. */
export const noSuchUser = () => errors.notFound('No such user')

/**
 * Starts a write between the caller and another person: refuses oneself, locks both profiles (404 when the
 * other has none) and tells which way blocks stand. Every write between two people begins here, in its
 * transaction.
 */
export async function openPair(trx: Kysely<Database>, userId: string, otherId: string) {
  if (userId.toLowerCase() === otherId.toLowerCase())
    throw socialError('self-relation', 'You cannot follow, befriend or block yourself')
  await ensureProfile(trx, userId)
  const other = await lockPair(trx, userId, otherId)
  if (!other) throw noSuchUser()
  return { other, ...(await blocksBetween(trx, userId, otherId)) }
}

/** openPair, and 404 `No such user` when either has blocked the other: to each, the other is nobody. */
export async function openReachablePair(trx: Kysely<Database>, userId: string, otherId: string) {
  const pair = await openPair(trx, userId, otherId)
  if (pair.iBlocked || pair.theyBlocked) throw noSuchUser()
  return pair
}
