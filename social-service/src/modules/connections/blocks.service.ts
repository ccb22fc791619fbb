import { inUnitOfWork } from '@focushub/shared/events'
import type { SocialContext } from '../../context.ts'
import { socialError } from '../../errors.ts'
import { toConnection } from './connections.view.ts'
import { noSuchUser, openPair } from './pair.ts'
import { personOf } from './profiles.repository.ts'
import { countUpTo, cutConnections, deleteBlock, insertBlock } from './relations.repository.ts'

/**
 * I block them: in one transaction, with both profiles locked, the block is recorded and every follow,
 * the friendship and every pending request between us go, both ways. Nothing is published (the blocked
 * person is never told). When they had blocked me already, my block is recorded all the same and the
 * answer is 404 `No such user`, as for nobody: to me, they are nobody.
 */
export function block(ctx: SocialContext, userId: string, blockedId: string) {
  return inUnitOfWork(ctx.db, async (work) => {
    const pair = await openPair(work.trx, userId, blockedId)
    const max = ctx.config.BLOCKS_MAX
    if (!pair.iBlocked && (await countUpTo(work.trx, 'blocks', userId, max)) >= max)
      throw socialError('block-limit-reached', `You block ${max} people, as many as one may`)
    const row = await insertBlock(work.trx, userId, blockedId)
    await cutConnections(work.trx, userId, blockedId)
    if (pair.theyBlocked) return null
    return toConnection(await personOf(work.trx, blockedId), row.created_at)
  }).then((blocked) => {
    if (!blocked) throw noSuchUser()
    return blocked
  })
}

/** I unblock them: 204 whether or not I had (nothing to learn from it); nothing is restored or told. */
export async function unblock(ctx: SocialContext, userId: string, blockedId: string) {
  await deleteBlock(ctx.db, userId, blockedId)
}
