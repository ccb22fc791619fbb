import type { EventData } from '@focushub/shared/events'
import { decodeJwt } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  bearer,
  expectProblem,
  loginUser,
  outboxEvents,
  password,
  signedInUser,
  startAuthService,
  type TestService,
} from './support.ts'

/**
 * Logout, a password change and refresh-token reuse end sign-ins' access tokens too: an
 * auth.user.sessions_revoked event names the families (the tokens' `sid`) for the gateway and the
 * services, and auth-service refuses those tokens itself at once.
 */
let service: TestService
beforeAll(async () => {
  service = await startAuthService()
})
afterAll(() => service.close())

const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
  service.app.inject({ method: 'POST', url, payload, headers })
const me = (accessToken: string) => service.app.inject({ url: '/auth/me', headers: bearer(accessToken) })
const sidOf = (accessToken: string) => decodeJwt(accessToken).sid as string

async function revocations(userId: string) {
  const events = await outboxEvents(service.db, { userId })
  const revoked = events.filter((event) => event.type === 'auth.user.sessions_revoked')
  return revoked as unknown as { data: EventData<'auth.user.sessions_revoked'> }[]
}

/** The refusal lasts until every access token issued so far has expired (15 min + 5 s tolerance). */
function expectExpiryAfterTokens(event: { data: EventData<'auth.user.sessions_revoked'> }) {
  const left = Date.parse(event.data.accessTokensExpireBy) - Date.now()
  expect(left).toBeGreaterThan(900_000)
  expect(left).toBeLessThanOrEqual(906_000)
}

describe('auth.user.sessions_revoked', () => {
  it('is written by logout for the family, whose access token auth-service then refuses', async () => {
    const { user, session } = await signedInUser(service.app)
    expect((await me(session.accessToken)).statusCode).toBe(200)
    expect((await post('/auth/logout', { refreshToken: session.refreshToken })).statusCode).toBe(204)
    const [event] = await revocations(user.id)
    expect(event.data).toMatchObject({ sessionIds: [sidOf(session.accessToken)], reason: 'logout' })
    expectExpiryAfterTokens(event)
    expectProblem(await me(session.accessToken), 401, 'session-revoked')
    expect((await post('/auth/logout', { refreshToken: session.refreshToken })).statusCode).toBe(204)
    expect(await revocations(user.id)).toHaveLength(1)
  })

  it('is written by a password change for every other sign-in, and the changer’s stays', async () => {
    const { user, session } = await signedInUser(service.app)
    const others = [await loginUser(service.app, user.email), await loginUser(service.app, user.email)]
    const change = { currentPassword: password, newPassword: 'a brand new secret' }
    expect((await post('/auth/password', change, bearer(session.accessToken))).statusCode).toBe(204)
    const [event] = await revocations(user.id)
    expect(event.data.reason).toBe('password_changed')
    expect([...event.data.sessionIds].sort()).toEqual(others.map((other) => sidOf(other.accessToken)).sort())
    for (const other of others) expectProblem(await me(other.accessToken), 401, 'session-revoked')
    expect((await me(session.accessToken)).statusCode).toBe(200)
  })

  it('is written when a spent refresh token is presented again', async () => {
    const { user, session } = await signedInUser(service.app)
    const rotated = (await post('/auth/refresh', { refreshToken: session.refreshToken })).json()
    await service.db
      .updateTable('refresh_tokens')
      .set({ used_at: new Date(Date.now() - 60_000) })
      .where('user_id', '=', user.id)
      .where('used_at', 'is not', null)
      .execute()
    expectProblem(await post('/auth/refresh', { refreshToken: session.refreshToken }), 401, 'refresh-token-reused')
    const [event] = await revocations(user.id)
    expect(event.data).toMatchObject({ sessionIds: [sidOf(rotated.accessToken)], reason: 'refresh_token_reused' })
    expectProblem(await me(rotated.accessToken), 401, 'session-revoked')
  })
})
