import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bearer, expectProblem, loginUser, signedInUser, startAuthService, type TestService } from './support.ts'

let service: TestService
beforeAll(async () => {
  service = await startAuthService()
})
afterAll(() => service.close())

const refresh = (refreshToken: string) =>
  service.app.inject({ method: 'POST', url: '/auth/refresh', payload: { refreshToken } })
const logout = (refreshToken: string) =>
  service.app.inject({ method: 'POST', url: '/auth/logout', payload: { refreshToken } })

describe('POST /auth/refresh', () => {
  it('rotates: a new access token and a new refresh token, the old one spent', async () => {
    const { session } = await signedInUser(service.app)
    const response = await refresh(session.refreshToken)
    expect(response.statusCode).toBe(200)
    const next = response.json()
    expect(next.refreshToken).not.toBe(session.refreshToken)
    expect(next.accessToken).not.toBe(session.accessToken)
    expect((await service.app.inject({ url: '/auth/me', headers: bearer(next.accessToken) })).statusCode).toBe(200)
    expect((await refresh(next.refreshToken)).statusCode).toBe(200)
  })

  it('stores only a hash of the token', async () => {
    const { user, session } = await signedInUser(service.app)
    const rows = await service.db
      .selectFrom('refresh_tokens')
      .select('token_hash')
      .where('user_id', '=', user.id)
      .execute()
    expect(rows.map((row) => row.token_hash)).not.toContain(session.refreshToken)
    expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/)
  })

  it('revokes the whole family when a spent token is presented again, and records it', async () => {
    const { user, session } = await signedInUser(service.app)
    const second = (await refresh(session.refreshToken)).json()
    const third = (await refresh(second.refreshToken)).json()
    // Presented again a minute later: past the grace window for concurrent refreshes.
    await service.db
      .updateTable('refresh_tokens')
      .set({ used_at: new Date(Date.now() - 60_000) })
      .where('user_id', '=', user.id)
      .where('used_at', 'is not', null)
      .execute()
    expectProblem(await refresh(session.refreshToken), 401, 'refresh-token-reused')
    expectProblem(await refresh(third.refreshToken), 401, 'invalid-refresh-token')
    const audit = await service.db.selectFrom('audit_log').selectAll().where('target_user_id', '=', user.id).execute()
    expect(audit).toMatchObject([{ action: 'security.refresh_token_reused', actor_id: null }])
  })

  it('lets exactly one of two concurrent refreshes win; the loser gets 409 and the winner keeps its session', async () => {
    const { session } = await signedInUser(service.app)
    const responses = await Promise.all([refresh(session.refreshToken), refresh(session.refreshToken)])
    const codes = responses.map((r) => r.statusCode).sort()
    expect(codes).toEqual([200, 409])
    const winner = responses.find((r) => r.statusCode === 200)!.json()
    expectProblem(responses.find((r) => r.statusCode === 409)!, 409, 'refresh-in-progress')
    expect((await refresh(winner.refreshToken)).statusCode).toBe(200)
  })

  it('refuses unknown, malformed and expired tokens with 401', async () => {
    const { user, session } = await signedInUser(service.app)
    for (const token of ['A'.repeat(43), 'not a token', "' or 1=1 --"]) {
      expectProblem(await refresh(token), 401, 'invalid-refresh-token')
    }
    await service.db
      .updateTable('refresh_tokens')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('user_id', '=', user.id)
      .execute()
    expectProblem(await refresh(session.refreshToken), 401, 'invalid-refresh-token')
    expectProblem(await refresh(''), 400)
  })

  it('refuses suspended users with 403 and revokes their family', async () => {
    const { user, session } = await signedInUser(service.app)
    await service.db.updateTable('users').set({ status: 'suspended' }).where('id', '=', user.id).execute()
    expectProblem(await refresh(session.refreshToken), 403, 'account-suspended')
    await service.db.updateTable('users').set({ status: 'active' }).where('id', '=', user.id).execute()
    expectProblem(await refresh(session.refreshToken), 401)
  })
})

describe('POST /auth/logout', () => {
  it('ends that sign-in only', async () => {
    const { user, session } = await signedInUser(service.app)
    const other = await loginUser(service.app, user.email)
    const rotated = (await refresh(session.refreshToken)).json()
    expect((await logout(rotated.refreshToken)).statusCode).toBe(204)
    expectProblem(await refresh(rotated.refreshToken), 401, 'invalid-refresh-token')
    expect((await refresh(other.refreshToken)).statusCode).toBe(200)
  })

  it('is idempotent: an unknown or already revoked token answers 204 too', async () => {
    expect((await logout('B'.repeat(43))).statusCode).toBe(204)
    const { session } = await signedInUser(service.app)
    expect((await logout(session.refreshToken)).statusCode).toBe(204)
    expect((await logout(session.refreshToken)).statusCode).toBe(204)
  })
})
