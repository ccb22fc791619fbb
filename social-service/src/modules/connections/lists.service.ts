import type { SocialContext } from '../../context.ts'
import { positionOf, toEntry } from './connections.view.ts'
import { decodeListCursor, encodeListCursor } from './connections-cursor.ts'
import { type ListName, listPage } from './relations.repository.ts'

/** A page of one of my lists (following, followers, requests in and out, friends, blocks), newest first. */
export async function listConnections(
  ctx: SocialContext,
  name: ListName,
  userId: string,
  query: { cursor?: string; limit: number },
) {
  const after = query.cursor ? decodeListCursor(query.cursor) : undefined
  const rows = await listPage(ctx.db, name, userId, after, query.limit + 1)
  const page = rows.slice(0, query.limit)
  const last = page.at(-1)
  return {
    items: page.map(toEntry),
    nextCursor: rows.length > query.limit && last ? encodeListCursor(positionOf(last)) : null,
  }
}
