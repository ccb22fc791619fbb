import { serviceAuthorization } from '@focushub/shared/auth'
import { decodeJwt } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { maxTokensPerUser } from '../../src/modules/tokens/tokens.service.ts'
import { bearer, expectProblem, outboxEvents, signedInUser, startAuthService, type TestService } from './support.ts'

/**
 * Personal access tokens (issue #30): created from a sign-in, shown once and stored hashed, listed with
 * their last use, limited per account, revoked with an event, and traded by the gateway for access tokens
 * limited to their scopes.
 */
const gatewaySecret = 'gateway-secret-for-the-tokens-test'
let service: TestService
beforeAll(async () => {
  service = await startAuthService({ INTERNAL_CALLERS: `gateway:${gatewaySecret}` })
})
afterAll(() => service.close())

const asGateway = { authorization: serviceAuthorization('gateway', gatewaySecret) }
const create = (accessToken: string, payload: object) =>
  service.app.inject({ method: 'POST', url: '/auth/tokens', payload, headers: bearer(accessToken) })
const exchange = (token: string, headers: Record<string, string> = asGateway) =>
  service.app.inject({
    method: 'POST',
    url: '/internal/personal-access-tokens/exchange',
    payload: { token },
    headers,
  })
const list = async (accessToken: string) => {
  const response = await service.app.inject({ url: '/auth/tokens', headers: bearer(accessToken) })
  expect(response.statusCode, response.body).toBe(200)
  return response.json().items as { id: string; name: string; lastUsedAt: string | null; tokenHint: string }[]
}

describe('personal access tokens', () => {
  it('shows a token once, stores only its digest, and trades it for a scoped access token of the user role', async () => {
    const { user, session } = await signedInUser(service.app)
    await service.db.updateTable('users').set({ role: 'admin' }).where('id', '=', user.id).execute()
    const created = await create(session.accessToken, {
      name: 'CI script',
      scopes: ['tasks:write', 'habits:read'],
      expiresInDays: 30,
    })
    expect(created.statusCode, created.body).toBe(201)
    const { token, ...shown } = created.json()
    expect(token).toMatch(/^fhp_[A-Za-z0-9_-]{43}$/)
    expect(shown).toMatchObject({ name: 'CI script', scopes: ['tasks:write', 'habits:read'], lastUsedAt: null })
    expect(token.startsWith(shown.tokenHint)).toBe(true)
    expect(Date.parse(shown.expiresAt) - Date.now()).toBeGreaterThan(29.9 * 86_400_000)
    const stored = await service.db
      .selectFrom('personal_access_tokens')
      .selectAll()
      .where('id', '=', shown.id)
      .execute()
    expect(JSON.stringify(stored)).not.toContain(token.slice(4))

    const [listed] = await list(session.accessToken)
    expect(listed).toEqual(shown)
    expect(JSON.stringify(listed)).not.toContain(token)

    const traded = await exchange(token)
    expect(traded.statusCode, traded.body).toBe(200)
    const claims = decodeJwt(traded.json().accessToken)
    expect(claims).toMatchObject({ sub: user.id, role: 'user', sid: shown.id, scope: 'tasks:write habits:read' })
    expect(traded.json().expiresIn).toBeLessThanOrEqual(300)
    expect((await list(session.accessToken))[0].lastUsedAt).not.toBeNull()

    // The traded token reaches no route of auth-service's: the account is in no scope.
    const asToken = await service.app.inject({ url: '/auth/me', headers: bearer(traded.json().accessToken) })
    expect(expectProblem(asToken, 403, 'insufficient-scope').detail).toContain('sign in instead')
    expectProblem(await create(traded.json().accessToken, { name: 'x', scopes: ['tasks:read'], expiresInDays: 1 }), 403)
  })

  it('answers the exchange only to a service, and 401 for an unknown, revoked or suspended owner’s token', async () => {
    const { user, session } = await signedInUser(service.app)
    const { token, id } = (
      await create(session.accessToken, { name: 'a', scopes: ['focus:read'], expiresInDays: 1 })
    ).json()
    expectProblem(await exchange(token, bearer(session.accessToken)), 401)
    expectProblem(await exchange(`fhp_${'A'.repeat(43)}`), 401, 'invalid-personal-access-token')
    expectProblem(await exchange('not a token at all'), 401, 'invalid-personal-access-token')

    await service.db.updateTable('users').set({ status: 'suspended' }).where('id', '=', user.id).execute()
    expectProblem(await exchange(token), 401, 'invalid-personal-access-token')
    await service.db.updateTable('users').set({ status: 'active' }).where('id', '=', user.id).execute()
    expect((await exchange(token)).statusCode).toBe(200)

    const revoked = await service.app.inject({
      method: 'DELETE',
      url: `/auth/tokens/${id}`,
      headers: bearer(session.accessToken),
    })
    expect(revoked.statusCode, revoked.body).toBe(204)
    expectProblem(await exchange(token), 401, 'invalid-personal-access-token')
    expect(await list(session.accessToken)).toEqual([])
    const events = await outboxEvents(service.db, { userId: user.id })
    expect(events.find((event) => event.type === 'auth.user.sessions_revoked')?.data).toMatchObject({
      sessionIds: [id],
      reason: 'token_revoked',
    })
    const again = await service.app.inject({
      method: 'DELETE',
      url: `/auth/tokens/${id}`,
      headers: bearer(session.accessToken),
    })
    expectProblem(again, 404, 'not-found')
  })

  it("refuses another user's token as not found, and bad input with 400", async () => {
    const owner = await signedInUser(service.app)
    const other = await signedInUser(service.app)
    const { id } = (
      await create(owner.session.accessToken, { name: 'a', scopes: ['social:read'], expiresInDays: 7 })
    ).json()
    const theirs = await service.app.inject({
      method: 'DELETE',
      url: `/auth/tokens/${id}`,
      headers: bearer(other.session.accessToken),
    })
    expectProblem(theirs, 404)
    expect(await list(owner.session.accessToken)).toHaveLength(1)

    const bad = [
      { name: 'a', scopes: ['tasks:admin'], expiresInDays: 1 },
      { name: 'a', scopes: [], expiresInDays: 1 },
      { name: 'a', scopes: ['tasks:read', 'tasks:read'], expiresInDays: 1 },
      { name: ' ', scopes: ['tasks:read'], expiresInDays: 1 },
      { name: 'a', scopes: ['tasks:read'], expiresInDays: 0 },
      { name: 'a', scopes: ['tasks:read'], expiresInDays: 366 },
      { name: 'a', scopes: ['tasks:read'] },
      { name: 'a', scopes: ['tasks:read'], expiresInDays: 1, userId: owner.user.id },
    ]
    for (const payload of bad) expectProblem(await create(owner.session.accessToken, payload), 400, 'validation-failed')
  })

  it(`keeps an account to ${maxTokensPerUser} usable tokens`, async () => {
    const { session } = await signedInUser(service.app)
    const payload = { name: 'bulk', scopes: ['tasks:read'], expiresInDays: 1 }
    const made = await Promise.all(
      Array.from({ length: maxTokensPerUser + 2 }, () => create(session.accessToken, payload)),
    )
    expect(made.filter((response) => response.statusCode === 201)).toHaveLength(maxTokensPerUser)
    for (const refused of made.filter((response) => response.statusCode !== 201)) {
      expectProblem(refused, 409, 'token-limit-reached')
    }
    const [newest] = await list(session.accessToken)
    await service.app.inject({
      method: 'DELETE',
      url: `/auth/tokens/${newest.id}`,
      headers: bearer(session.accessToken),
    })
    expect((await create(session.accessToken, payload)).statusCode).toBe(201)
  })

  it('keeps one calendar feed per user, read-only and without expiry, replaced or turned off with an event', async () => {
    const { user, session } = await signedInUser(service.app, { timezone: 'Europe/Berlin' })
    const put = () =>
      service.app.inject({ method: 'PUT', url: '/auth/calendar-feed', headers: bearer(session.accessToken) })
    const first = await put()
    expect(first.statusCode, first.body).toBe(200)
    const { token: firstToken } = first.json()
    expect(firstToken).toMatch(/^fhc_[A-Za-z0-9_-]{43}$/)
    const traded = await exchange(firstToken)
    expect(traded.json().timezone).toBe('Europe/Berlin')
    expect(decodeJwt(traded.json().accessToken)).toMatchObject({ scope: 'tasks:read focus:read', role: 'user' })
    // Not a personal access token: not listed, not counted.
    expect(await list(session.accessToken)).toEqual([])

    const second = await put()
    expectProblem(await exchange(firstToken), 401, 'invalid-personal-access-token')
    expect((await exchange(second.json().token)).statusCode).toBe(200)
    const described = await service.app.inject({ url: '/auth/calendar-feed', headers: bearer(session.accessToken) })
    expect(described.json()).toMatchObject({
      tokenHint: second.json().token.slice(0, 8),
      lastUsedAt: expect.any(String),
    })

    const off = await service.app.inject({
      method: 'DELETE',
      url: '/auth/calendar-feed',
      headers: bearer(session.accessToken),
    })
    expect(off.statusCode, off.body).toBe(204)
    expectProblem(await exchange(second.json().token), 401)
    expectProblem(await service.app.inject({ url: '/auth/calendar-feed', headers: bearer(session.accessToken) }), 404)
    const revoked = (await outboxEvents(service.db, { userId: user.id })).filter(
      (event) => event.type === 'auth.user.sessions_revoked',
    )
    expect(revoked).toHaveLength(2)
  })
})
