import { describe, expect, it } from 'vitest'
import { type Answer, eventually, send, signUp } from './client.ts'

/** The web app's sign-in: the refresh token in an HttpOnly cookie, through NGINX, the balancer and a gateway. */
const cookieMode = { 'x-refresh-token-mode': 'cookie' }

function refreshCookieOf(answer: Answer) {
  const [setCookie] = answer.headers.getSetCookie()
  expect(setCookie).toMatch(
    /^focushub_refresh=[A-Za-z0-9_-]+; Max-Age=\d+; Path=\/api\/v1\/auth; HttpOnly; Secure; SameSite=Strict$/,
  )
  return setCookie.split(';', 1)[0]
}

describe('refresh token in a cookie, through NGINX', () => {
  it('signs in, refreshes with the cookie only, and signs out everywhere', async () => {
    const user = await signUp()
    const login = await send('POST', '/auth/login', {
      headers: cookieMode,
      body: { email: user.email, password: user.password },
    })
    expect(login.status).toBe(200)
    expect(login.body.refreshToken).toBeUndefined()
    const cookie = refreshCookieOf(login)

    const refreshed = await send('POST', '/auth/refresh', { headers: { ...cookieMode, cookie }, body: {} })
    expect(refreshed.status).toBe(200)
    expect(refreshed.body.refreshToken).toBeUndefined()
    const rotated = refreshCookieOf(refreshed)
    expect(rotated).not.toBe(cookie)
    const authorization = `Bearer ${refreshed.body.accessToken}`
    expect((await send('GET', '/auth/me', { authorization })).status).toBe(200)

    const everywhere = await send('POST', '/auth/logout-all', { authorization, headers: cookieMode })
    expect(everywhere.status).toBe(204)
    expect(everywhere.headers.getSetCookie()[0]).toMatch(/^focushub_refresh=; Max-Age=0; Path=\/api\/v1\/auth;/)
    // The gateway learns of it by event: the access token stops working within seconds.
    await eventually(
      () => send('GET', '/tasks', { authorization }),
      (answer) => answer.status === 401,
    )
    const dead = await send('POST', '/auth/refresh', { headers: { ...cookieMode, cookie: rotated }, body: {} })
    expect([dead.status, dead.body.code]).toEqual([401, 'invalid-refresh-token'])
    expect(dead.headers.get('content-type')).toContain('application/problem+json')
  })
})
