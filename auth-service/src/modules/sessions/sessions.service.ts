import type { RequestContext } from '@focushub/shared/context'
import { inUnitOfWork, type UnitOfWork } from '@focushub/shared/events'
import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { AuthContext } from '../../context.ts'
import type { UserRow } from '../../db/tables/users.ts'
import type { Database } from '../../db/tables.ts'
import { authError } from '../../errors.ts'
import { insertAudit } from '../audit/audit.repository.ts'
import { inactiveAccount } from '../users/account-status.ts'
import { findUserByEmail, findUserById } from '../users/users.repository.ts'
import { toUser } from '../users/users.view.ts'
import { hashOpaqueToken, newOpaqueToken } from './refresh-token.ts'
import {
  findRefreshToken,
  insertRefreshToken,
  revokeFamily,
  revokeUserTokens,
  spendRefreshToken,
} from './refresh-tokens.repository.ts'
import { oldestLiveAccessToken, recordSessionsRevoked } from './revoked-sessions.ts'

const invalidCredentials = () => authError('invalid-credentials', 'The e-mail or password is not correct')
const invalidRefreshToken = () =>
  authError('invalid-refresh-token', 'The refresh token is not valid, has expired or was revoked; sign in again')
/** Cookie mode without the cookie: nothing to sign in with. */
export const missingRefreshToken = () =>
  authError('invalid-refresh-token', 'No refresh token came with the request (no cookie); sign in again')
const reusedRefreshToken = () =>
  authError(
    'refresh-token-reused',
    'This refresh token was already used. Every session of this sign-in has been revoked; sign in again',
  )

const refreshInProgress = () =>
  authError(
    'refresh-in-progress',
    'This refresh token was rotated a moment ago by another request; use the tokens that request received',
  )

/** A new refresh token in `familyId` (a new family for a sign-in) and an access token bound to it. */
async function issueSession(ctx: AuthContext, trx: Kysely<Database>, user: UserRow, familyId: string) {
  const refreshToken = newOpaqueToken()
  const refreshTokenExpiresAt = new Date(Date.now() + ctx.config.REFRESH_TOKEN_TTL_DAYS * 86_400_000)
  await insertRefreshToken(trx, {
    familyId,
    userId: user.id,
    tokenHash: hashOpaqueToken(refreshToken),
    expiresAt: refreshTokenExpiresAt,
  })
  const access = await ctx.signAccessToken({ userId: user.id, role: user.role, sessionId: familyId })
  return {
    tokenType: 'Bearer' as const,
    accessToken: access.token,
    expiresIn: access.expiresIn,
    refreshToken,
    refreshTokenExpiresAt: refreshTokenExpiresAt.toISOString(),
    user: toUser(user),
  }
}

export async function login(ctx: AuthContext, input: { email: string; password: string }, meta: RequestContext) {
  await ctx.throttle.admitLogin(meta.ip, input.email)
  const user = await findUserByEmail(ctx.db, input.email)
  // Unknown and deleted accounts still cost one bcrypt comparison: same time, same answer.
  const matches = await ctx.passwords.verify(input.password, user?.password_hash)
  if (!user || !matches) {
    await ctx.throttle.recordFailure(meta.ip, input.email)
    throw invalidCredentials()
  }
  await ctx.throttle.recordSuccess(meta.ip, input.email)
  if (user.status !== 'active') throw inactiveAccount(user)
  return ctx.db.transaction().execute((trx) => issueSession(ctx, trx, user, uuidv7()))
}

/** The family's access tokens are refused from now on, not only its refresh tokens. */
function sessionsRevoked(
  ctx: AuthContext,
  work: UnitOfWork<Database>,
  token: { family_id: string; user_id: string },
  reason: 'logout' | 'refresh_token_reused',
  meta: RequestContext,
) {
  recordSessionsRevoked(
    work,
    { sessionIds: [token.family_id], reason },
    { userId: token.user_id, requestId: meta.requestId, accessTokenTtlSeconds: ctx.config.ACCESS_TOKEN_TTL_SECONDS },
  )
}

/** A spent token presented again: someone holds a copy. The whole family goes, and it is recorded. */
async function refuseReuse(ctx: AuthContext, token: { family_id: string; user_id: string }, meta: RequestContext) {
  await inUnitOfWork(ctx.db, async (work) => {
    const { trx } = work
    const revoked = await revokeFamily(trx, token.family_id)
    if (revoked > 0) sessionsRevoked(ctx, work, token, 'refresh_token_reused', meta)
    await insertAudit(
      trx,
      {
        actorId: null,
        action: 'security.refresh_token_reused',
        targetUserId: token.user_id,
        details: { familyId: token.family_id, revokedTokens: revoked },
      },
      meta,
    )
  })
  ctx.log.warn(
    { securityEvent: 'refresh_token_reused', userId: token.user_id, familyId: token.family_id, ip: meta.ip },
    'refresh token reused: family revoked',
  )
  return reusedRefreshToken()
}

/**
 * Rotates a refresh token. Of two concurrent refreshes with one token, the conditional UPDATE lets
 * exactly one win. A loser arriving within REFRESH_REUSE_GRACE_MS of the win gets 409 and no
 * tokens, and the winner's session stands (two tabs refreshing at once must not sign the user
 * out); a spent token presented later is reuse (RFC 9700): 401 and the whole family revoked.
 */
export async function refresh(ctx: AuthContext, refreshToken: string, meta: RequestContext) {
  const tokenHash = hashOpaqueToken(refreshToken)
  const outcome = await ctx.db.transaction().execute(async (trx) => {
    const spent = await spendRefreshToken(trx, tokenHash)
    if (!spent) return { kind: 'refused' as const }
    const user = await findUserById(trx, spent.user_id)
    if (user?.status !== 'active') {
      await revokeFamily(trx, spent.family_id)
      return { kind: 'inactive' as const, user }
    }
    return { kind: 'issued' as const, session: await issueSession(ctx, trx, user, spent.family_id) }
  })
  if (outcome.kind === 'issued') return outcome.session
  if (outcome.kind === 'inactive') throw outcome.user ? inactiveAccount(outcome.user) : invalidRefreshToken()
  const known = await findRefreshToken(ctx.db, tokenHash)
  if (known?.used_at && !known.revoked_at) {
    const sinceSpent = Date.now() - known.used_at.getTime()
    if (sinceSpent < ctx.config.REFRESH_REUSE_GRACE_MS) throw refreshInProgress()
  }
  if (known?.used_at) throw await refuseReuse(ctx, known, meta)
  throw invalidRefreshToken()
}

/**
 * Ends the sign-in the refresh token belongs to, its access tokens included (refused within seconds
 * by the gateway and the services). Unknown tokens are ignored: logging out is idempotent.
 */
export async function logout(ctx: AuthContext, refreshToken: string, meta: RequestContext) {
  const known = await findRefreshToken(ctx.db, hashOpaqueToken(refreshToken))
  if (!known) return
  await inUnitOfWork(ctx.db, async (work) => {
    const { trx } = work
    if ((await revokeFamily(trx, known.family_id)) > 0) sessionsRevoked(ctx, work, known, 'logout', meta)
  })
}

/**
 * Signing out everywhere: every sign-in of the user ends, the caller's own included, and with them
 * their access tokens (refused within seconds by the gateway and the services, at once here).
 */
export async function logoutEverywhere(ctx: AuthContext, userId: string, meta: RequestContext) {
  await inUnitOfWork(ctx.db, async (work) => {
    const { trx } = work
    const ttlSeconds = ctx.config.ACCESS_TOKEN_TTL_SECONDS
    const sessionIds = await revokeUserTokens(trx, userId, undefined, oldestLiveAccessToken(ttlSeconds))
    const context = { userId, requestId: meta.requestId, accessTokenTtlSeconds: ttlSeconds }
    recordSessionsRevoked(work, { sessionIds, reason: 'logout' }, context)
    const details = { revokedSessions: sessionIds.length }
    await insertAudit(
      trx,
      { actorId: userId, action: 'user.signed_out_everywhere', targetUserId: userId, details },
      meta,
    )
  })
}
