import type { RequestContext } from '@focushub/shared/context'
import { inUnitOfWork } from '@focushub/shared/events'
import type { AuthContext } from '../../context.ts'
import { authError } from '../../errors.ts'
import { recordUserEvent } from '../../events/user-events.ts'
import { insertAudit } from '../audit/audit.repository.ts'
import { deleteUserTokens, revokeUserTokens } from '../sessions/refresh-tokens.repository.ts'
import { oldestLiveAccessToken, recordSessionsRevoked } from '../sessions/revoked-sessions.ts'
import { activeUser } from '../users/account-status.ts'
import { lastActiveAdmin } from '../users/last-admin.ts'
import { emailTaken, insertUser, updateUser } from '../users/users.repository.ts'
import { toUser } from '../users/users.view.ts'
import { passwordProblems } from './password-policy.ts'
import { displayNameProblems, rejectProblems, timezoneProblems } from './profile-fields.ts'
import { canonicalTimezone } from './timezone.ts'

export interface Registration {
  email: string
  password: string
  displayName: string
  timezone?: string
  dayStartHour?: number
}

export async function register(ctx: AuthContext, input: Registration, meta: RequestContext) {
  const timezone = input.timezone ?? 'UTC'
  rejectProblems([
    ...passwordProblems(input.password, '/body/password'),
    ...displayNameProblems(input.displayName, '/body/displayName'),
    ...timezoneProblems(timezone, '/body/timezone'),
  ])
  await ctx.throttle.admitRegistration(meta.ip)
  const passwordHash = await ctx.passwords.hash(input.password)
  try {
    const row = await inUnitOfWork(ctx.db, async (work) => {
      const { trx } = work
      const user = await insertUser(trx, {
        email: input.email,
        displayName: input.displayName.trim(),
        passwordHash,
        role: 'user',
        timezone: canonicalTimezone(timezone) as string,
        dayStartHour: input.dayStartHour ?? 0,
      })
      const { email, display_name: displayName, role, day_start_hour: dayStartHour } = user
      recordUserEvent(
        work,
        'auth.user.registered',
        { email, displayName, role, timezone: user.timezone, dayStartHour },
        { userId: user.id, requestId: meta.requestId },
      )
      return user
    })
    return { user: toUser(row) }
  } catch (error) {
    if (emailTaken(error)) throw authError('email-taken', 'An account with this e-mail already exists')
    throw error
  }
}

const wrongPassword = () => authError('wrong-password', 'The password is not correct')

/** The caller's password, checked against the same per-account failure limit as sign-in. */
async function confirmPassword(ctx: AuthContext, userId: string, password: string, meta: RequestContext) {
  const user = await activeUser(ctx.db, userId)
  await ctx.throttle.admitLogin(meta.ip, user.email)
  if (!(await ctx.passwords.verify(password, user.password_hash))) {
    await ctx.throttle.recordFailure(meta.ip, user.email)
    throw wrongPassword()
  }
  return user
}

/** New password; every other sign-in of the user ends, the one making the change stays. */
export async function changePassword(
  ctx: AuthContext,
  caller: { userId: string; sessionId?: string },
  input: { currentPassword: string; newPassword: string },
  meta: RequestContext,
) {
  rejectProblems(passwordProblems(input.newPassword, '/body/newPassword'))
  await confirmPassword(ctx, caller.userId, input.currentPassword, meta)
  const passwordHash = await ctx.passwords.hash(input.newPassword)
  await inUnitOfWork(ctx.db, async (work) => {
    const { trx } = work
    await updateUser(trx, caller.userId, { password_hash: passwordHash })
    const ttlSeconds = ctx.config.ACCESS_TOKEN_TTL_SECONDS
    const live = oldestLiveAccessToken(ttlSeconds)
    const sessionIds = await revokeUserTokens(trx, caller.userId, caller.sessionId, live)
    const context = { userId: caller.userId, requestId: meta.requestId, accessTokenTtlSeconds: ttlSeconds }
    recordSessionsRevoked(work, { sessionIds, reason: 'password_changed' }, context)
  })
}

/** Leaving: deactivated at once, personal data erased, refresh tokens deleted, auth.user.deleted emitted. */
export async function deleteAccount(ctx: AuthContext, userId: string, password: string, meta: RequestContext) {
  await confirmPassword(ctx, userId, password, meta)
  await inUnitOfWork(ctx.db, async (work) => {
    const { trx } = work
    if (await lastActiveAdmin(trx, userId)) {
      throw authError('last-active-admin', 'You are the last active admin: make another admin before leaving')
    }
    await updateUser(trx, userId, {
      email: `deleted-${userId}@deleted.invalid`,
      display_name: '',
      password_hash: null,
      status: 'deactivated',
      deleted_at: new Date(),
    })
    await deleteUserTokens(trx, userId)
    await insertAudit(trx, { actorId: userId, action: 'user.deleted', targetUserId: userId, details: {} }, meta)
    recordUserEvent(work, 'auth.user.deleted', {}, { userId, requestId: meta.requestId })
  })
}
