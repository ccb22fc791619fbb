import { errors } from '@focushub/shared/errors'
import type { Static } from 'typebox'
import type { SocialContext } from '../../context.ts'
import { socialError } from '../../errors.ts'
import type { ProfileChanges } from './connections.schemas.ts'
import { toPerson } from './connections.view.ts'
import { ensureProfile, findPeople, handleTaken, profileOf, updateProfile } from './profiles.repository.ts'

type Profile = Awaited<ReturnType<typeof profileOf>>

export const toProfile = (row: Profile) => ({
  ...toPerson(row),
  whoMayFollow: row.who_may_follow,
  whoMayMessage: row.who_may_message,
  milestonePosts: row.milestone_posts,
  version: row.version,
})

/** My social profile (made on first sight: the caller is a user, whether or not their auth profile arrived yet). */
export async function myProfile(ctx: SocialContext, userId: string) {
  await ensureProfile(ctx.db, userId)
  return toProfile(await profileOf(ctx.db, userId))
}

/** Changes my handle, privacy or milestone posts at the version I read (412 when it moved on; 409 when the handle is someone else's). */
export async function changeMyProfile(
  ctx: SocialContext,
  userId: string,
  changes: Static<typeof ProfileChanges>,
  expectedVersion: number | undefined,
) {
  await ensureProfile(ctx.db, userId)
  const fields = {
    handle: changes.handle,
    who_may_follow: changes.whoMayFollow,
    who_may_message: changes.whoMayMessage,
    milestone_posts: changes.milestonePosts,
  }
  const set = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined))
  const row = await updateProfile(ctx.db, userId, set, expectedVersion).catch((error: unknown) => {
    if (handleTaken(error)) throw socialError('handle-taken', 'Someone else has that handle')
    throw error
  })
  if (!row) throw errors.preconditionFailed('Your profile changed since you read it; read it again')
  return toProfile(await profileOf(ctx.db, userId))
}

/** People whose display name or handle begins with `q`, leaving out me and anyone blocked either way. */
export async function searchPeople(ctx: SocialContext, userId: string, query: { q: string; limit: number }) {
  const rows = await findPeople(ctx.db, userId, query.q, query.limit)
  return { items: rows.map(toPerson) }
}
