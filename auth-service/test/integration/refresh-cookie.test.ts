import type { EventData } from '@focushub/shared/events'
import { decodeJwt } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  bearer,
  expectProblem,
  loginUser,
  outboxEvents,
  password,
  registerUser,
  startAuthService,
  type TestService,
} from './support.ts'

/** The cookie mode of sign-in, refresh and logout (X-Refresh-Token-Mode: cookie), and signing out everywhere. */
let service: TestService
beforeAll(async () => {
  service = await startAuthService()
})
afterAll(() => service.close())

const cookieMode = { 'x-refresh-token-mode': 'cookie' }
const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
  service.app.inject({ method: 'POST', url, payload, headers })
const withCookie = (token: string) => ({ ...cookieMode, cookie: `focushub_refresh=${token}` })
const me = (accessToken: string) => service.app.inject({ url: '/auth/me', headers: bearer(accessToken) })

type Answer = Awaited<ReturnType<typeof post>>
const setCookieOf = (response: Answer) => response.headers['set-cookie'] as string | undefined
/** The refresh token an answer's Set-Cookie carries. */
function cookieToken(response: Answer) {
  const match = /^focushub_refresh=([^;]+);/.exec(setCookieOf(response) ?? '')
  expect(match, `no refresh cookie in ${setCookieOf(response)}`).not.toBeNull()
  return (match as RegExpExecArray)[1]
}
function expectCleared(response: Answer) {
  expect(setCookieOf(response)).toBe(
    'focushub_refresh=; Max-Age=0; Path=/api/v1/auth; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; Secure; SameSite=Strict',
  )
}

async function cookieLogin(email: string, headers: Record<string, string> = cookieMode) {
  const response = await post('/auth/login', { email, password }, headers)
  expect(response.statusCode, response.body).toBe(200)
  return { response, session: response.json(), refreshToken: cookieToken(response) }
}

/** Spent tokens presented a minute later: past the grace window for concurrent refreshes. */
async function ageSpentTokens(userId: string) {
  await service.db
    .updateTable('refresh_tokens')
    .set({ used_at: new Date(Date.now() - 60_000) })
    .where('user_id', '=', userId)
    .where('used_at', 'is not', null)
    .execute()
}

describe('cookie mode', () => {
  it('signs in with the refresh token in an HttpOnly cookie scoped to the identity routes, not in the JSON', async () => {
    const user = await registerUser(service.app)
    const { response, session, refreshToken } = await cookieLogin(user.email)
    expect(session.refreshToken).toBeUndefined()
    expect(session).toMatchObject({ tokenType: 'Bearer', user: { id: user.id } })
    expect(setCookieOf(response)).toBe(
      `focushub_refresh=${refreshToken}; Max-Age=2592000; Path=/api/v1/auth; HttpOnly; Secure; SameSite=Strict`,
    )
    expect((await me(session.accessToken)).statusCode).toBe(200)
  })

  it('rotates through the cookie alone, and a spent cookie revokes the whole sign-in', async () => {
    const user = await registerUser(service.app)
    const { refreshToken: first } = await cookieLogin(user.email)
    const rotated = await post('/auth/refresh', {}, withCookie(first))
    expect(rotated.statusCode, rotated.body).toBe(200)
    expect(rotated.json().refreshToken).toBeUndefined()
    const second = cookieToken(rotated)
    expect(second).not.toBe(first)
    expect((await me(rotated.json().accessToken)).statusCode).toBe(200)

    const third = cookieToken(await post('/auth/refresh', {}, withCookie(second)))
    await ageSpentTokens(user.id)
    const reused = await post('/auth/refresh', {}, withCookie(first))
    expectProblem(reused, 401, 'refresh-token-reused')
    expectCleared(reused)
    expectProblem(await post('/auth/refresh', {}, withCookie(third)), 401, 'invalid-refresh-token')
  })

  it('answers a concurrent loser 409 without touching the cookie the winner set', async () => {
    const user = await registerUser(service.app)
    const { refreshToken } = await cookieLogin(user.email)
    const answers = await Promise.all([1, 2].map(() => post('/auth/refresh', {}, withCookie(refreshToken))))
    const loser = answers.find((answer) => answer.statusCode === 409) as Answer
    expectProblem(loser, 409, 'refresh-in-progress')
    expect(setCookieOf(loser)).toBeUndefined()
    expect(answers.filter((answer) => answer.statusCode === 200)).toHaveLength(1)
  })

  it('prefers a token in the body, and answers in cookie mode', async () => {
    const user = await registerUser(service.app)
    const json = await loginUser(service.app, user.email)
    const response = await post('/auth/refresh', { refreshToken: json.refreshToken }, withCookie('stale'))
    expect(response.statusCode).toBe(200)
    expect(response.json().refreshToken).toBeUndefined()
    cookieToken(response)
  })

  it('answers 401 problem+json without a cookie, and clears an unknown one', async () => {
    expectProblem(await post('/auth/refresh', {}, cookieMode), 401, 'invalid-refresh-token')
    const unknown = await post('/auth/refresh', {}, withCookie('not-a-token'))
    expectProblem(unknown, 401, 'invalid-refresh-token')
    expectCleared(unknown)
  })

  it('reads the cookie only when the client asks for cookie mode, so the JSON mode is unchanged', async () => {
    const user = await registerUser(service.app)
    const { refreshToken } = await cookieLogin(user.email)
    const cookieOnly = { cookie: `focushub_refresh=${refreshToken}` }
    for (const url of ['/auth/refresh', '/auth/logout']) {
      const response = expectProblem(await post(url, {}, cookieOnly), 400, 'validation-failed')
      expect(response.errors).toEqual([
        { field: '/body/refreshToken', message: "must have required property 'refreshToken'" },
      ])
    }
    const json = await post('/auth/login', { email: user.email, password }, { 'x-refresh-token-mode': 'json' })
    expect(json.json().refreshToken).toEqual(expect.any(String))
    expect(setCookieOf(json)).toBeUndefined()
    expect((await post('/auth/refresh', {}, withCookie(refreshToken))).statusCode).toBe(200)
  })

  it('takes only a JSON body, which an HTML form of another site cannot send', async () => {
    const user = await registerUser(service.app)
    const { refreshToken } = await cookieLogin(user.email)
    const form = await service.app.inject({
      method: 'POST',
      url: '/auth/refresh',
      headers: { ...withCookie(refreshToken), 'content-type': 'text/plain' },
      payload: '{}',
    })
    expectProblem(form, 400, 'validation-failed')
    expect((await post('/auth/refresh', {}, withCookie(refreshToken))).statusCode).toBe(200)
  })

  it('refuses an unknown mode with 400 naming the header', async () => {
    const user = await registerUser(service.app)
    const response = await post('/auth/login', { email: user.email, password }, { 'x-refresh-token-mode': 'both' })
    const problem = expectProblem(response, 400, 'validation-failed')
    expect(problem.errors?.[0].field).toBe('/headers/x-refresh-token-mode')
  })

  it('logs out with the cookie and clears it; without one it still clears', async () => {
    const user = await registerUser(service.app)
    const { session, refreshToken } = await cookieLogin(user.email)
    const loggedOut = await post('/auth/logout', {}, withCookie(refreshToken))
    expect(loggedOut.statusCode).toBe(204)
    expectCleared(loggedOut)
    expectProblem(await me(session.accessToken), 401, 'session-revoked')
    expectProblem(await post('/auth/refresh', {}, withCookie(refreshToken)), 401, 'invalid-refresh-token')
    const again = await post('/auth/logout', {}, cookieMode)
    expect(again.statusCode).toBe(204)
    expectCleared(again)
  })

  it('ends the sign-in whose cookie a new sign-in replaces', async () => {
    const user = await registerUser(service.app)
    const previous = await cookieLogin(user.email)
    const next = await cookieLogin(user.email, withCookie(previous.refreshToken))
    expectProblem(await post('/auth/refresh', {}, withCookie(previous.refreshToken)), 401, 'invalid-refresh-token')
    expectProblem(await me(previous.session.accessToken), 401, 'session-revoked')
    expect((await post('/auth/refresh', {}, withCookie(next.refreshToken))).statusCode).toBe(200)
  })
})

describe('POST /auth/logout-all', () => {
  const sidOf = (accessToken: string) => decodeJwt(accessToken).sid as string

  it('ends every sign-in of the user and their access tokens, records it and clears the cookie', async () => {
    const user = await registerUser(service.app)
    const other = await registerUser(service.app)
    const browser = await cookieLogin(user.email)
    const phone = await loginUser(service.app, user.email)
    const stranger = await loginUser(service.app, other.email)

    const response = await post('/auth/logout-all', {}, { ...bearer(browser.session.accessToken), ...cookieMode })
    expect(response.statusCode).toBe(204)
    expectCleared(response)

    for (const accessToken of [browser.session.accessToken, phone.accessToken]) {
      expectProblem(await me(accessToken), 401, 'session-revoked')
    }
    expectProblem(await post('/auth/refresh', { refreshToken: phone.refreshToken }), 401, 'invalid-refresh-token')
    expectProblem(await post('/auth/refresh', {}, withCookie(browser.refreshToken)), 401, 'invalid-refresh-token')
    expect((await me(stranger.accessToken)).statusCode).toBe(200)

    const events = await outboxEvents(service.db, { userId: user.id })
    const [revoked] = events.filter((event) => event.type === 'auth.user.sessions_revoked') as unknown as {
      data: EventData<'auth.user.sessions_revoked'>
    }[]
    expect(revoked.data.reason).toBe('logout')
    const sessions = [browser.session.accessToken, phone.accessToken].map(sidOf).sort()
    expect([...revoked.data.sessionIds].sort()).toEqual(sessions)
    const audit = await service.db.selectFrom('audit_log').selectAll().where('target_user_id', '=', user.id).execute()
    expect(audit).toMatchObject([
      { action: 'user.signed_out_everywhere', actor_id: user.id, details: { revokedSessions: 2 } },
    ])
  })

  it('sets no cookie in the JSON mode, and needs an access token', async () => {
    const user = await registerUser(service.app)
    const session = await loginUser(service.app, user.email)
    const response = await post('/auth/logout-all', {}, bearer(session.accessToken))
    expect(response.statusCode).toBe(204)
    expect(setCookieOf(response)).toBeUndefined()
    expectProblem(await post('/auth/logout-all', {}), 401, 'unauthorized')
  })
})

describe('OpenAPI', () => {
  it('declares the mode header, the cookie and the Set-Cookie answers', async () => {
    const document = (await service.app.inject({ url: '/openapi.json' })).json()
    const refresh = document.paths['/auth/refresh'].post
    const parameters = refresh.parameters.map((parameter: { in: string; name: string }) => parameter)
    expect(parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ in: 'header', name: 'x-refresh-token-mode' }),
        expect.objectContaining({ in: 'cookie', name: 'focushub_refresh' }),
      ]),
    )
    expect(refresh.responses['200'].headers['set-cookie'].schema.type).toBe('string')
    // The route's own answers, then the generic ones every operation declares (body too large, wrong
    // content type, unexpected failure, unavailable).
    expect(Object.keys(refresh.responses).sort()).toEqual([
      '200',
      '400',
      '401',
      '403',
      '409',
      '413',
      '415',
      '500',
      '503',
    ])
    const logoutAll = document.paths['/auth/logout-all'].post
    expect(logoutAll.responses['204'].headers['set-cookie']).toBeDefined()
    expect(logoutAll.security).toBeUndefined()
  })
})
