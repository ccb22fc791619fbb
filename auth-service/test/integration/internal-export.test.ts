import { serviceAuthorization } from '@focushub/shared/auth'
import { readWholeExport } from '@focushub/shared/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bearer, expectProblem, signedInUser, startAuthService, type TestService } from './support.ts'

const secret = 'a-notification-secret-for-tests'
let service: TestService
let owner: Awaited<ReturnType<typeof signedInUser>>
let other: Awaited<ReturnType<typeof signedInUser>>

const asNotificationService = { authorization: serviceAuthorization('notification-service', secret) }
const exportOf = (userId: string, query: string, headers: Record<string, string> = asNotificationService) =>
  service.app.inject({ method: 'GET', url: `/internal/users/${userId}/export${query}`, headers })

const createToken = async (accessToken: string, name: string, scopes: string[]) => {
  const response = await service.app.inject({
    method: 'POST',
    url: '/auth/tokens',
    headers: bearer(accessToken),
    payload: { name, scopes, expiresInDays: 30 },
  })
  expect(response.statusCode, response.body).toBe(201)
  return response.json() as { id: string; token: string; createdAt: string; expiresAt: string }
}

beforeAll(async () => {
  service = await startAuthService({ INTERNAL_CALLERS: `notification-service:${secret}` })
  owner = await signedInUser(service.app, { displayName: 'Ada Lovelace', timezone: 'Europe/London' })
  other = await signedInUser(service.app, { displayName: 'Grace Hopper' })
  await createToken(owner.session.accessToken, 'CI script', ['tasks:write'])
  await createToken(owner.session.accessToken, 'Old script', ['habits:read'])
  await createToken(other.session.accessToken, 'Not theirs', ['focus:read'])
})
afterAll(() => service.close())

describe('GET /internal/users/{userId}/export', () => {
  it("pages through the user's profile and tokens, revoked ones and the calendar feed too, never a secret", async () => {
    // Listed newest first.
    const [old, ci] = (
      await service.app.inject({ url: '/auth/tokens', headers: bearer(owner.session.accessToken) })
    ).json().items as { id: string; name: string }[]
    const revoked = await service.app.inject({
      method: 'DELETE',
      url: `/auth/tokens/${old.id}`,
      headers: bearer(owner.session.accessToken),
    })
    expect(revoked.statusCode, revoked.body).toBe(204)
    const feed = await service.app.inject({
      method: 'PUT',
      url: '/auth/calendar-feed',
      headers: bearer(owner.session.accessToken),
    })
    expect(feed.statusCode, feed.body).toBe(200)
    const me = (await service.app.inject({ url: '/auth/me', headers: bearer(owner.session.accessToken) })).json()

    const { collections, pages } = await readWholeExport((query) => exportOf(owner.user.id, query), 2)
    expect(Object.keys(collections)).toEqual(['profile', 'personal-access-tokens'])
    expect(collections.profile).toEqual([me])
    expect(me).toMatchObject({ displayName: 'Ada Lovelace', timezone: 'Europe/London' })
    const tokens = collections['personal-access-tokens']
    expect(tokens.map((token) => [token.name, token.kind])).toEqual([
      ['CI script', 'personal'],
      ['Old script', 'personal'],
      ['Calendar feed', 'calendar'],
    ])
    expect(pages).toBe(3)
    const listed = (
      await service.app.inject({ url: '/auth/tokens', headers: bearer(owner.session.accessToken) })
    ).json().items[0]
    expect(tokens[0]).toEqual({
      id: ci.id,
      kind: 'personal',
      name: 'CI script',
      scopes: ['tasks:write'],
      createdAt: listed.createdAt,
      expiresAt: listed.expiresAt,
      lastUsedAt: null,
      revokedAt: null,
    })
    expect(tokens[1]).toMatchObject({ id: old.id, revokedAt: expect.any(String) })
    expect(tokens[2]).toMatchObject({ scopes: ['tasks:read', 'focus:read'], expiresAt: null, revokedAt: null })
    const stored = await service.db
      .selectFrom('personal_access_tokens')
      .select(['token_hash', 'token_hint'])
      .where('user_id', '=', owner.user.id)
      .execute()
    const text = JSON.stringify(collections)
    for (const { token_hash, token_hint } of stored) {
      expect(text).not.toContain(token_hash)
      expect(text).not.toContain(token_hint)
    }
    expect(text).not.toContain(feed.json().token)
    expect(text).not.toContain('password')
  })

  it("leaves out another user's data", async () => {
    const { collections } = await readWholeExport((query) => exportOf(owner.user.id, query), 2)
    const text = JSON.stringify(collections)
    expect(text).not.toContain(other.user.id)
    expect(text).not.toContain('Not theirs')
    expect(text).not.toContain('Grace Hopper')
  })

  it('answers an unknown user an empty export', async () => {
    const { collections } = await readWholeExport((query) => exportOf('0190a000-0000-7000-8000-000000000000', query), 2)
    expect(collections).toEqual({ profile: [], 'personal-access-tokens': [] })
  })

  it('answers only a listed service (401 for an access token or no credential)', async () => {
    for (const headers of [bearer(owner.session.accessToken), {}]) {
      expectProblem(await exportOf(owner.user.id, '?limit=2', headers), 401, 'unauthorized')
    }
  })

  it('refuses a cursor it did not make (400)', async () => {
    expectProblem(await exportOf(owner.user.id, '?after=bm90LWEtY3Vyc29y'), 400, 'validation-failed')
  })
})
