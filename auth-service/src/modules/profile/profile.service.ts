import { errors } from '@focushub/shared'
import type { Static } from 'typebox'
import type { AuthContext, RequestMeta } from '../../context.ts'
import { recordUserEvent } from '../../events/user-events.ts'
import { displayNameProblems, rejectProblems, timezoneProblems } from '../accounts/profile-fields.ts'
import { canonicalTimezone } from '../accounts/timezone.ts'
import { activeUser } from '../users/account-status.ts'
import { updateUser } from '../users/users.repository.ts'
import { toUser } from '../users/users.view.ts'
import type { UpdateProfileBody } from './profile.schemas.ts'

export async function getProfile(ctx: AuthContext, userId: string) {
  return toUser(await activeUser(ctx.db, userId))
}

type ProfileChanges = Omit<Static<typeof UpdateProfileBody>, 'version'>

/** Updates display name, time zone and day start; emits auth.user.profile_updated with the result. */
export async function updateProfile(
  ctx: AuthContext,
  userId: string,
  changes: ProfileChanges,
  expectedVersion: number | undefined,
  meta: RequestMeta,
) {
  if (Object.keys(changes).length === 0) {
    throw errors.unprocessable('Name a field to change', [{ field: '/body', message: 'has nothing to change' }])
  }
  rejectProblems([
    ...(changes.displayName === undefined ? [] : displayNameProblems(changes.displayName, '/body/displayName')),
    ...(changes.timezone === undefined ? [] : timezoneProblems(changes.timezone, '/body/timezone')),
  ])
  await activeUser(ctx.db, userId)
  const row = await ctx.db.transaction().execute(async (trx) => {
    const updated = await updateUser(
      trx,
      userId,
      {
        ...(changes.displayName === undefined ? {} : { display_name: changes.displayName.trim() }),
        ...(changes.timezone === undefined ? {} : { timezone: canonicalTimezone(changes.timezone) }),
        ...(changes.dayStartHour === undefined ? {} : { day_start_hour: changes.dayStartHour }),
      },
      expectedVersion,
    )
    if (!updated) throw errors.preconditionFailed('Your profile changed since you read it; read it again')
    await recordUserEvent(
      trx,
      'auth.user.profile_updated',
      { displayName: updated.display_name, timezone: updated.timezone, dayStartHour: updated.day_start_hour },
      { userId, requestId: meta.requestId },
    )
    return updated
  })
  return toUser(row)
}
