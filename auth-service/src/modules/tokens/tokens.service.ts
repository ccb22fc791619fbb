import type { RequestContext } from '@focushub/shared/context'
import { errors } from '@focushub/shared/errors'
import { inUnitOfWork, type UnitOfWork } from '@focushub/shared/events'
import type { Static } from 'typebox'
import { v7 as uuidv7 } from 'uuid'
import type { AuthContext } from '../../context.ts'
import type { PersonalAccessTokenRow } from '../../db/tables/personal-access-tokens.ts'
import { authError } from '../../errors.ts'
import { insertAudit } from '../audit/audit.repository.ts'
import { hashOpaqueToken, newOpaqueToken } from '../sessions/refresh-token.ts'
import { recordSessionsRevoked } from '../sessions/revoked-sessions.ts'
import {
  countUsableTokens,
  findCalendarFeed,
  insertToken,
  listLiveTokens,
  revokeCalendarFeed,
  revokeToken,
  useToken,
} from './tokens.repository.ts'
import type { CalendarFeed, CreateTokenBody, PersonalAccessToken } from './tokens.schemas.ts'
import { calendarTokenPrefix, personalAccessTokenPrefix } from './tokens.schemas.ts'

/** The most usable (unrevoked, unexpired) tokens an account has at once. */
export const maxTokensPerUser = 50
/**
 * The life of an access token traded for a personal access token: short, so that the token's last use is
 * recorded within minutes and a revoked token's access tokens die soon even where the revocation event is late.
 */
export const tradedAccessTokenSeconds = 300

/** What a calendar reads through its feed (the gateway's GET /calendar/{token}.ics): due tasks and focus sessions. */
export const calendarScopes = ['tasks:read', 'focus:read']

const newToken = (prefix: string) => `${prefix}${newOpaqueToken()}`
const hintOf = (token: string) => token.slice(0, personalAccessTokenPrefix.length + 4)

const view = (row: PersonalAccessTokenRow): Static<typeof PersonalAccessToken> => ({
  id: row.id,
  name: row.name,
  scopes: row.scopes as Static<typeof PersonalAccessToken>['scopes'],
  tokenHint: row.token_hint,
  createdAt: row.created_at.toISOString(),
  expiresAt: (row.expires_at as Date).toISOString(),
  lastUsedAt: row.last_used_at?.toISOString() ?? null,
})

export async function createToken(
  ctx: AuthContext,
  userId: string,
  body: Static<typeof CreateTokenBody>,
  meta: RequestContext,
) {
  const token = newToken(personalAccessTokenPrefix)
  const row = await inUnitOfWork(ctx.db, async ({ trx }) => {
    // The owner's row, locked: two creations at once count each other.
    await trx.selectFrom('users').select('id').where('id', '=', userId).forUpdate().executeTakeFirstOrThrow()
    if ((await countUsableTokens(trx, userId)) >= maxTokensPerUser) {
      throw authError('token-limit-reached', `An account has at most ${maxTokensPerUser} tokens: revoke one first`)
    }
    const created = await insertToken(trx, {
      id: uuidv7(),
      user_id: userId,
      kind: 'personal',
      name: body.name,
      scopes: body.scopes,
      token_hash: hashOpaqueToken(token),
      token_hint: hintOf(token),
      expires_at: new Date(Date.now() + body.expiresInDays * 86_400_000),
    })
    const details = { tokenId: created.id, name: body.name, scopes: body.scopes }
    await insertAudit(trx, { actorId: userId, action: 'token.created', targetUserId: userId, details }, meta)
    return created
  })
  return { ...view(row), token }
}

export async function listTokens(ctx: AuthContext, userId: string) {
  return { items: (await listLiveTokens(ctx.db, userId)).map(view) }
}

/** Revoked at once here; the gateway and the services refuse its access tokens on auth.user.sessions_revoked. */
export async function revoke(ctx: AuthContext, userId: string, id: string, meta: RequestContext) {
  await inUnitOfWork(ctx.db, async (work) => {
    const revoked = await revokeToken(work.trx, userId, id)
    if (!revoked) throw errors.notFound('No such personal access token of yours')
    recordTokenRevoked(work, userId, id, meta)
    const details = { tokenId: id, name: revoked.name }
    await insertAudit(work.trx, { actorId: userId, action: 'token.revoked', targetUserId: userId, details }, meta)
  })
}

const calendarView = (row: PersonalAccessTokenRow): Static<typeof CalendarFeed> => ({
  tokenHint: row.token_hint,
  createdAt: row.created_at.toISOString(),
  lastUsedAt: row.last_used_at?.toISOString() ?? null,
})

export async function calendarFeed(ctx: AuthContext, userId: string) {
  const row = await findCalendarFeed(ctx.db, userId)
  if (!row) throw errors.notFound('You have no calendar feed')
  return calendarView(row)
}

/** The sessions_revoked event of a revoked token: the access tokens traded for it are refused within seconds. */
function recordTokenRevoked(
  work: Pick<UnitOfWork<unknown>, 'outbox'>,
  userId: string,
  id: string,
  meta: RequestContext,
) {
  const context = { userId, requestId: meta.requestId, accessTokenTtlSeconds: tradedAccessTokenSeconds }
  recordSessionsRevoked(work, { sessionIds: [id], reason: 'token_revoked' }, context)
}

/** A new calendar feed, replacing (and revoking) the one before: its URL's token is shown once. */
export async function replaceCalendarFeed(ctx: AuthContext, userId: string, meta: RequestContext) {
  const token = newToken(calendarTokenPrefix)
  const row = await inUnitOfWork(ctx.db, async (work) => {
    const replaced = await revokeCalendarFeed(work.trx, userId)
    if (replaced) recordTokenRevoked(work, userId, replaced, meta)
    const created = await insertToken(work.trx, {
      id: uuidv7(),
      user_id: userId,
      kind: 'calendar',
      name: 'Calendar feed',
      scopes: calendarScopes,
      token_hash: hashOpaqueToken(token),
      token_hint: hintOf(token),
      expires_at: null,
    })
    const details = { tokenId: created.id, replaced: replaced ?? null }
    await insertAudit(
      work.trx,
      { actorId: userId, action: 'calendar_feed.created', targetUserId: userId, details },
      meta,
    )
    return created
  })
  return { ...calendarView(row), token }
}

export async function removeCalendarFeed(ctx: AuthContext, userId: string, meta: RequestContext) {
  await inUnitOfWork(ctx.db, async (work) => {
    const revoked = await revokeCalendarFeed(work.trx, userId)
    if (!revoked) throw errors.notFound('You have no calendar feed')
    recordTokenRevoked(work, userId, revoked, meta)
    const details = { tokenId: revoked }
    await insertAudit(
      work.trx,
      { actorId: userId, action: 'calendar_feed.revoked', targetUserId: userId, details },
      meta,
    )
  })
}

const tradedPrefixes = [personalAccessTokenPrefix, calendarTokenPrefix]

/**
 * The gateway's trade: a usable personal access token or calendar feed token of an active account → an
 * access token limited to the token's scopes, with the `user` role whatever the account's (a token never
 * carries a moderator's or an admin's powers), living `tradedAccessTokenSeconds` or until the token expires;
 * and the owner's time zone.
 */
export async function exchange(ctx: AuthContext, token: string) {
  const known = tradedPrefixes.some((prefix) => token.startsWith(prefix))
  const row = known ? await useToken(ctx.db, hashOpaqueToken(token)) : undefined
  if (!row || row.deleted_at || row.status !== 'active') {
    throw authError('invalid-personal-access-token', 'The token is not valid, has expired or was revoked')
  }
  const untilExpiry = row.expires_at
    ? Math.floor((row.expires_at.getTime() - Date.now()) / 1000)
    : tradedAccessTokenSeconds
  const { token: accessToken, expiresIn } = await ctx.signAccessToken({
    userId: row.user_id,
    role: 'user',
    sessionId: row.id,
    scopes: row.scopes,
    ttlSeconds: Math.max(1, Math.min(tradedAccessTokenSeconds, untilExpiry)),
  })
  return { accessToken, expiresIn, timezone: row.timezone }
}
