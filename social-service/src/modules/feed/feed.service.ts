import { decodeCursor, pageOf } from '@focushub/shared/http'
import type { SocialContext } from '../../context.ts'
import { noSuchUser } from '../connections/pair.ts'
import { feedPage, personPage, tagPage } from './feed.repository.ts'
import { toPost } from './feed.view.ts'
import { visibleAuthor } from './people-access.ts'
import type { PostRow } from './posts.repository.ts'

type PageRequest = { cursor?: string; limit: number }

async function pageFrom(query: PageRequest, read: (cursor: string | undefined, rows: number) => Promise<PostRow[]>) {
  const page = pageOf(await read(query.cursor ? decodeCursor(query.cursor) : undefined, query.limit + 1), query.limit)
  return { items: page.items.map(toPost), nextCursor: page.nextCursor }
}

/** My feed: what I may see of the people I follow, and all of mine, newest first. */
export const myFeed = (ctx: SocialContext, userId: string, query: PageRequest) =>
  pageFrom(query, (cursor, rows) => feedPage(ctx.db, userId, cursor, rows))

/** The public posts with a tag, newest first, without anyone blocked either way. */
export const tagFeed = (ctx: SocialContext, userId: string, tag: string, query: PageRequest) =>
  pageFrom(query, (cursor, rows) => tagPage(ctx.db, userId, tag.toLowerCase(), cursor, rows))

/** What I may see of one person's posts; 404 `No such user` for nobody and for someone blocked either way. */
export async function personPosts(ctx: SocialContext, userId: string, authorId: string, query: PageRequest) {
  if (!(await visibleAuthor(ctx.db, userId, authorId))) throw noSuchUser()
  return pageFrom(query, (cursor, rows) => personPage(ctx.db, userId, authorId, cursor, rows))
}
