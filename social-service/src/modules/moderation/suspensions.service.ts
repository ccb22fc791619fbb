import type { RequestContext } from '@focushub/shared/context'
import { inUnitOfWork } from '@focushub/shared/events'
import type { SocialContext } from '../../context.ts'
import { databaseNow } from '../messages/people.repository.ts'
import { moderateSelf } from './cases.service.ts'
import { liftSuspension } from './moderation-actions.repository.ts'
import { logAction } from './moderation-log.repository.ts'

/**
 * Ends a user's suspension (403 `moderate-self` for one's own); a suspension in force writes a
 * `lift_suspension` row. Someone not suspended (or unknown) changes nothing and logs nothing.
 */
export async function liftUserSuspension(ctx: SocialContext, context: RequestContext, userId: string, reason: string) {
  if (userId.toLowerCase() === context.userId.toLowerCase()) throw moderateSelf()
  await inUnitOfWork(ctx.db, async (work) => {
    const now = await databaseNow(work.trx)
    if (!(await liftSuspension(work.trx, userId, now))) return
    await logAction(work.trx, {
      actor_id: context.userId,
      action: 'lift_suspension',
      case_id: null,
      target: null,
      subject_id: userId,
      reason: reason.trim(),
      at: now,
    })
  })
}
