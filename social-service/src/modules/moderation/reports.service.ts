import type { RequestContext } from '@focushub/shared/context'
import { inUnitOfWork } from '@focushub/shared/events'
import { decodeCursor, pageOf } from '@focushub/shared/http'
import type { Static } from 'typebox'
import type { SocialContext } from '../../context.ts'
import { socialError } from '../../errors.ts'
import { dayMs, quotaWaitSeconds } from '../feed/feed.rules.ts'
import { dailyQuotaRefusal } from '../feed/feed-quota.ts'
import { databaseNow } from '../messages/people.repository.ts'
import type { NewReport } from './moderation.schemas.ts'
import { toReport } from './moderation.view.ts'
import { noSuchTarget, reportedTarget } from './report-targets.ts'
import { insertReport, joinCase, lockReporter, openReportOf, reportPage, reportsSince } from './reports.repository.ts'

const reportSelf = () => socialError('report-self', 'You cannot report yourself or what you wrote')

/**
 * Reports a post, comment, message or user the reporter may see now (404 as for a missing one otherwise;
 * 422 for oneself or one's own). Reporting again while one's report is open answers it (created: false) and
 * spends nothing; otherwise at most REPORTS_PER_DAY in any 24 hours (429), and the report joins the target's
 * open case or opens one with the target's text as its snapshot.
 */
export async function fileReport(ctx: SocialContext, context: RequestContext, input: Static<typeof NewReport>) {
  const userId = context.userId
  const { target } = input
  if (target.type === 'user' && target.id.toLowerCase() === userId.toLowerCase()) throw reportSelf()
  return inUnitOfWork(ctx.db, async (work) => {
    await lockReporter(work.trx, userId)
    const found = await reportedTarget(work.trx, userId, target)
    if (!found) throw noSuchTarget(target.type)
    if (found.subject_id === userId.toLowerCase()) throw reportSelf()
    const existing = await openReportOf(work.trx, userId, target)
    if (existing) return { created: false, report: toReport(existing) }
    const now = await databaseNow(work.trx)
    const max = ctx.config.REPORTS_PER_DAY
    const wait = quotaWaitSeconds(await reportsSince(work.trx, userId, new Date(now.getTime() - dayMs), max), max, now)
    if (wait > 0) throw dailyQuotaRefusal({ code: 'report-rate-limited', max, what: 'reports' }, wait)
    const caseId = await joinCase(
      work.trx,
      { target, subjectId: found.subject_id, reason: input.reason, at: now },
      found,
    )
    const report = await insertReport(work.trx, {
      reporter_id: userId,
      case_id: caseId,
      target,
      reason: input.reason,
      details: input.details?.trim() || null,
      created_at: now,
    })
    return { created: true, report: toReport(report) }
  })
}

/** My reports, newest first, with where each stands. */
export async function myReports(ctx: SocialContext, userId: string, query: { cursor?: string; limit: number }) {
  const before = query.cursor ? decodeCursor(query.cursor) : undefined
  const page = pageOf(await reportPage(ctx.db, userId, before, query.limit + 1), query.limit)
  return { items: page.items.map(toReport), nextCursor: page.nextCursor }
}
