import { decodeCursor, pageOf } from '@focushub/shared/http'
import type { SocialContext } from '../../context.ts'
import { toLogEntry } from './moderation.view.ts'
import { logPage } from './moderation-log.repository.ts'

/** The moderation log, newest first: everyone's, or one subject's. */
export async function moderationLog(ctx: SocialContext, query: { subjectId?: string; cursor?: string; limit: number }) {
  const before = query.cursor ? decodeCursor(query.cursor) : undefined
  const page = pageOf(await logPage(ctx.db, query.subjectId, before, query.limit + 1), query.limit)
  return { items: page.items.map(toLogEntry), nextCursor: page.nextCursor }
}
