import type { SocialContext } from '../../context.ts'
import { hiddenOf, warningsOf } from './standing.repository.ts'
import { suspensionOf } from './suspension.ts'

/** Where I stand: my suspension in force, my latest warnings, what of mine was hidden and why. */
export async function myStanding(ctx: SocialContext, userId: string) {
  const [suspension, warnings, hidden] = await Promise.all([
    suspensionOf(ctx.db, userId),
    warningsOf(ctx.db, userId),
    hiddenOf(ctx.db, userId),
  ])
  return {
    suspension: suspension
      ? { until: suspension.until.toISOString(), reason: suspension.reason, since: suspension.since.toISOString() }
      : null,
    warnings: warnings.map((row) => ({ id: row.id, reason: row.reason ?? '', at: row.at.toISOString() })),
    hidden: hidden.map((row) => ({
      target: { type: row.target_type, id: row.target_id },
      reason: row.reason ?? '',
      at: row.at.toISOString(),
      excerpt: row.excerpt ?? '',
    })),
  }
}
