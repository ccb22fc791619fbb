import type { RequestContext } from '@focushub/shared/context'
import { errors } from '@focushub/shared/errors'
import { inUnitOfWork } from '@focushub/shared/events'
import type { Static } from 'typebox'
import type { AuthContext } from '../../context.ts'
import { authError } from '../../errors.ts'
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
  meta: RequestContext,
) {
  if (Object.keys(changes).length === 0) {
    throw authError('nothing-to-change', 'Name a field to change', {
      errors: [{ field: '/body', message: 'has nothing to change' }],
    })
  }
  rejectProblems([
    ...(changes.displayName === undefined ? [] : displayNameProblems(changes.displayName, '/body/displayName')),
    ...(changes.timezone === undefined ? [] : timezoneProblems(changes.timezone, '/body/timezone')),
  ])
  await activeUser(ctx.db, userId)
  const row = await inUnitOfWork(ctx.db, async (work) => {
    const { trx } = work
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
    recordUserEvent(
      work,
      'auth.user.profile_updated',
      { displayName: updated.display_name, timezone: updated.timezone, dayStartHour: updated.day_start_hour },
      { userId, requestId: meta.requestId },
    )
    return updated
  })
  return toUser(row)
}
