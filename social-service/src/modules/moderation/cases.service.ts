import type { RequestContext } from '@focushub/shared/context'
import { errors } from '@focushub/shared/errors'
import { inUnitOfWork, type UnitOfWork } from '@focushub/shared/events'
import type { Static } from 'typebox'
import type { SocialContext } from '../../context.ts'
import type { Database } from '../../db/tables.ts'
import { socialError } from '../../errors.ts'
import { recordSocialEvent } from '../../events/social-events.ts'
import { databaseNow } from '../messages/people.repository.ts'
import { caseById, closeCase, closedCasePage, lockCase, openCasePage, reportsOfCase } from './cases.repository.ts'
import { CasesCursor, type Resolution } from './moderation.schemas.ts'
import { toCase, toReportOfCase } from './moderation.view.ts'
import { hideContent, suspend } from './moderation-actions.repository.ts'
import { logAction } from './moderation-log.repository.ts'
import { resolveReports } from './reports.repository.ts'

const noSuchCase = () => errors.notFound('No such case')
export const moderateSelf = () => socialError('moderate-self', 'You do not act on a case about yourself')
const reportsShown = 100

/** Open cases oldest opened first, or closed ones newest resolved first. */
export async function listCases(
  ctx: SocialContext,
  query: { status: 'open' | 'closed'; cursor?: string; limit: number },
) {
  const after = query.cursor ? CasesCursor.decode(query.cursor) : undefined
  const read = query.status === 'open' ? openCasePage : closedCasePage
  const rows = await read(ctx.db, after, query.limit + 1)
  const page = rows.slice(0, query.limit)
  const last = page.at(-1)
  const key = (row: NonNullable<typeof last>) => (query.status === 'open' ? row.opened_at : row.resolved_at) as Date
  return {
    items: page.map(toCase),
    nextCursor: rows.length > query.limit && last ? CasesCursor.encode([key(last), last.id]) : null,
  }
}

/** One case, with its first 100 reports. */
export async function caseDetail(ctx: SocialContext, caseId: string) {
  const row = await caseById(ctx.db, caseId)
  if (!row) throw noSuchCase()
  return { ...toCase(row), reports: (await reportsOfCase(ctx.db, caseId, reportsShown)).map(toReportOfCase) }
}

type Decision = Static<typeof Resolution>
type LockedCase = NonNullable<Awaited<ReturnType<typeof lockCase>>>
type Act = Extract<Decision, { decision: 'act' }>

/**
 * Resolves an open case (404 for none; 403 `moderate-self` for the moderator's own; 409 `case-closed`):
 * dismissed, or acted on: its content hidden (422 `nothing-to-hide` for a user), its subject warned and/or
 * suspended (422 `no-action` when nothing is chosen). In one transaction: each action, a log row each and
 * its event to the subject; every open report of the case resolved with it, each reporter told the outcome.
 */
export async function resolveCase(ctx: SocialContext, context: RequestContext, caseId: string, decision: Decision) {
  if (decision.decision === 'act' && !decision.hide && !decision.warn && decision.suspendDays === null)
    throw socialError('no-action', 'Choose to hide, warn or suspend, or dismiss the case')
  await inUnitOfWork(ctx.db, async (work) => {
    const found = await lockCase(work.trx, caseId)
    if (!found) throw noSuchCase()
    if (found.subject_id === context.userId.toLowerCase()) throw moderateSelf()
    if (found.status !== 'open') throw socialError('case-closed', 'The case is resolved already')
    if (decision.decision === 'act' && decision.hide && found.target_type === 'user')
      throw socialError('nothing-to-hide', 'A case about a user has no content to hide')
    const now = await databaseNow(work.trx)
    const resolution = { resolved_by: context.userId, resolved_at: now }
    if (decision.decision === 'dismiss') {
      const note = decision.note?.trim() || null
      await logAction(work.trx, entry(found, context.userId, 'dismiss', note, now))
      await closeCase(work.trx, caseId, {
        ...resolution,
        status: 'dismissed',
        decision: 'dismiss',
        hide: false,
        warn: false,
        suspended_until: null,
        resolution_reason: note,
      })
    } else {
      const until = await act(work, context, found, decision, now)
      await closeCase(work.trx, caseId, {
        ...resolution,
        status: 'actioned',
        decision: 'act',
        hide: decision.hide,
        warn: decision.warn,
        suspended_until: until,
        resolution_reason: decision.reason.trim(),
      })
    }
    const outcome = decision.decision === 'dismiss' ? ('dismissed' as const) : ('actioned' as const)
    for (const report of await resolveReports(work.trx, caseId, outcome, now)) {
      const data = { reportId: report.id, outcome, audience: [report.reporter_id] }
      recordSocialEvent(work, 'social.report.resolved', data, { ...context, userId: report.reporter_id })
    }
  })
  return toCase(await caseById(ctx.db, caseId))
}

const entry = (
  found: LockedCase,
  actorId: string,
  action: 'dismiss' | 'hide' | 'warn' | 'suspend',
  reason: string | null,
  at: Date,
) => ({
  actor_id: actorId,
  action,
  case_id: found.id,
  target: { type: found.target_type, id: found.target_id },
  subject_id: found.subject_id,
  reason,
  at,
})

/** The actions of an `act` decision, each logged and told to its subject; answers the suspension's end, if any. */
async function act(work: UnitOfWork<Database>, context: RequestContext, found: LockedCase, decision: Act, now: Date) {
  const reason = decision.reason.trim()
  const subject = { ...context, userId: found.subject_id }
  const audience = [found.subject_id]
  if (decision.hide && found.target_type !== 'user') {
    const target = { type: found.target_type, id: found.target_id }
    // Content deleted meanwhile hides nothing: no log row, nobody told.
    if (await hideContent(work.trx, target, reason, now)) {
      await logAction(work.trx, entry(found, context.userId, 'hide', reason, now))
      const data = { targetType: target.type, targetId: target.id, reason, audience }
      recordSocialEvent(work, 'social.moderation.content_hidden', data, subject)
    }
  }
  if (decision.warn) {
    await logAction(work.trx, entry(found, context.userId, 'warn', reason, now))
    recordSocialEvent(work, 'social.moderation.warned', { reason, audience }, subject)
  }
  if (decision.suspendDays === null) return null
  const until = await suspend(work.trx, found.subject_id, now, decision.suspendDays, reason)
  await logAction(work.trx, entry(found, context.userId, 'suspend', reason, now))
  recordSocialEvent(work, 'social.moderation.suspended', { until: until.toISOString(), reason, audience }, subject)
  return until
}
