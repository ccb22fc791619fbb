import { describe, expect, it } from 'vitest'
import { openSse } from '../gateway/test/integration/live-clients.ts'
import { type Answer, api, eventually, password, send, setRole, signIn, signUp, someClientAddress } from './client.ts'
import { edgeUrl, processes } from './stack.ts'

/**
 * Issue #19, items 5 and 9 a–c: nobody locks a stranger out, a revoked sign-in (a role change
 * included) or a deleted account stops working within seconds (at the gateway and at a service
 * reached directly), and internal routes answer services only.
 */

const auth = processes['auth-service']

const bearer = (token: string) => `Bearer ${token}`
const refusedAs = (code: string) => (answer: Answer) =>
  answer.status === 401 && answer.body.type === `https://focushub.dev/problems/${code}`

describe('sign-in lockout', () => {
  it('lets the owner sign in through NGINX while a stranger’s failures lock only the stranger', async () => {
    const owner = await signUp()
    // The stranger comes through the load balancer with an address of their own (every test runs
    // from 127.0.0.1): the balancer and the gateway are loopback hops, trusted to name the client.
    const stranger = {
      base: `${processes['load-balancer']}/api/v1`,
      headers: { 'x-forwarded-for': someClientAddress() },
    }
    const guess = () =>
      send('POST', '/auth/login', { ...stranger, body: { email: owner.email, password: 'wrong guess' } })
    const seen: number[] = []
    for (let attempt = 0; attempt < 12; attempt++) {
      const answer = await guess()
      seen.push(answer.status)
      if (answer.status === 429 && answer.body.type.endsWith('/account-locked')) break
      expect([401, 429], JSON.stringify(answer.body)).toContain(answer.status)
      // A delayed client waits as told (1, 2, 4 s), as a well-behaved one would.
      if (answer.status === 429)
        await new Promise((resolve) => setTimeout(resolve, answer.body.retryAfterSeconds * 1000))
    }
    expect(seen.filter((status) => status === 401)).toHaveLength(5)
    expect(seen.at(-1)).toBe(429)

    const signedIn = await send('POST', '/auth/login', { body: { email: owner.email, password } })
    expect(signedIn.status, JSON.stringify(signedIn.body)).toBe(200)
  })
})

describe('revoked sign-ins', () => {
  it('refuses the access token at the gateway and at a service within seconds of logout', async () => {
    const user = await signUp()
    const authorization = bearer(user.accessToken)
    expect((await send('GET', '/tasks', { authorization })).status).toBe(200)
    expect((await send('POST', '/auth/logout', { body: { refreshToken: user.refreshToken } })).status).toBe(204)
    await eventually(() => send('GET', '/tasks', { authorization }), refusedAs('session-revoked'))
    await eventually(
      () => send('GET', '/tasks', { authorization, base: processes['task-service'] }),
      refusedAs('session-revoked'),
    )
    expect((await send('GET', '/auth/me', { authorization })).status).toBe(401)
  })

  it('ends the live streams opened in a sign-in when it signs out, and only those', async () => {
    const user = await signUp()
    const other = await signIn(user)
    const ended = await openSse(`${api}/events`, { authorization: user.authorization })
    const kept = await openSse(`${api}/events`, { authorization: bearer(other.accessToken) })
    await Promise.all([ended.named('ready'), kept.named('ready')])
    expect((await send('POST', '/auth/logout', { body: { refreshToken: user.refreshToken } })).status).toBe(204)
    const last = await ended.named('session-revoked', 15_000)
    expect(JSON.parse(last.data).detail).toContain('sign in again')
    expect(kept.state.ended).toBe(false)
    await kept.close()
  })

  it('refuses the other sign-ins’ access tokens after a password change, and keeps the changer’s', async () => {
    const user = await signUp()
    const other = await signIn(user)
    const change = { currentPassword: password, newPassword: 'a brand new secret' }
    const changed = await send('POST', '/auth/password', { authorization: user.authorization, body: change })
    expect(changed.status, JSON.stringify(changed.body)).toBe(204)
    await eventually(
      () => send('GET', '/habits', { authorization: bearer(other.accessToken) }),
      refusedAs('session-revoked'),
    )
    expect((await send('GET', '/habits', { authorization: user.authorization })).status).toBe(200)
  })

  it('refuses a demoted admin’s access token on an admin-only route within seconds of the change', async () => {
    const [actor, target] = await Promise.all([signUp(), signUp()])
    await setRole([actor.userId], 'admin')
    try {
      const admin = (await signIn(actor)).authorization
      const changeRole = (role: string) =>
        send('PATCH', `/admin/users/${target.userId}`, { authorization: admin, body: { role, reason: 'e2e' } })
      const promoted = await changeRole('admin')
      expect(promoted.status, JSON.stringify(promoted.body)).toBe(200)
      // The promotion ended the user's sign-ins too: a new one carries the new role.
      await eventually(
        () => send('GET', '/tasks', { authorization: target.authorization }),
        refusedAs('session-revoked'),
      )
      const authorization = (await signIn(target)).authorization
      const reports = await send('GET', '/focus/rooms/reports', { authorization })
      expect(reports.status, JSON.stringify(reports.body)).toBe(200)

      const demoted = await changeRole('user')
      expect(demoted.status, JSON.stringify(demoted.body)).toBe(200)
      await eventually(() => send('GET', '/focus/rooms/reports', { authorization }), refusedAs('session-revoked'))
      await eventually(
        () => send('GET', '/focus/rooms/reports', { authorization, base: processes['focus-service'] }),
        refusedAs('session-revoked'),
      )
    } finally {
      await setRole([actor.userId, target.userId], 'user')
    }
  })

  it('refuses the whole family’s access tokens once a spent refresh token is presented again', async () => {
    const user = await signUp()
    const rotated = await send('POST', '/auth/refresh', { base: auth, body: { refreshToken: user.refreshToken } })
    expect(rotated.status).toBe(200)
    const authorization = bearer(rotated.body.accessToken)
    expect((await send('GET', '/focus/sessions', { authorization })).status).toBe(200)
    // Within REFRESH_REUSE_GRACE_MS a second presentation is a concurrent refresh (409); after it, reuse.
    await eventually(
      () => send('POST', '/auth/refresh', { base: auth, body: { refreshToken: user.refreshToken } }),
      refusedAs('refresh-token-reused'),
    )
    await eventually(() => send('GET', '/focus/sessions', { authorization }), refusedAs('session-revoked'))
  })
})

describe('deleted accounts at the services themselves', () => {
  it('refuses a deleted account’s unexpired token at each service reached directly, within seconds', async () => {
    const user = await signUp()
    const { authorization } = user
    const direct = [
      ['task-service', '/tasks'],
      ['focus-service', '/focus/sessions'],
      ['habit-service', '/habits'],
    ] as const
    for (const [service, path] of direct) {
      expect((await send('GET', path, { authorization, base: processes[service] })).status).toBe(200)
    }
    const deleted = await send('DELETE', '/auth/me', { authorization, body: { password } })
    expect(deleted.status, JSON.stringify(deleted.body)).toBe(204)
    for (const [service, path] of direct) {
      await eventually(
        () => send('GET', path, { authorization, base: processes[service] }),
        refusedAs('account-deleted'),
      )
    }
  })
})

describe('internal routes', () => {
  const secret = process.env.TASK_SERVICE_INTERNAL_SECRET ?? 'focushub-task-service-internal-dev'
  const byEmail = (email: string) => `/internal/users/by-email?email=${encodeURIComponent(email)}`

  it('answers a user token with 401 and a service credential with the user', async () => {
    const [asker, other] = await Promise.all([signUp(), signUp({ displayName: 'Grace' })])
    const asUser = await send('GET', byEmail(other.email), { base: auth, authorization: asker.authorization })
    expect(asUser.status).toBe(401)
    expect(asUser.headers.get('content-type')).toContain('application/problem+json')
    const asService = await send('GET', byEmail(other.email), {
      base: auth,
      authorization: `Basic ${Buffer.from(`task-service:${secret}`).toString('base64')}`,
    })
    expect(asService.status).toBe(200)
    expect(asService.body).toEqual({ id: other.userId, displayName: 'Grace' })
  })

  // A guard rather than a fix: the gateway routes only public prefixes, and refuses odd spellings (400);
  // NGINX sends /api/ to it and any other path to the web app.
  it('are not exposed through NGINX, under any spelling', async () => {
    const user = await signUp()
    const paths = [
      '/api/v1/internal/users/by-email',
      '/internal/users/by-email',
      '/api/v1//internal/users/by-email',
      '/api/v1/auth/..%2Finternal/users/by-email',
    ]
    for (const path of paths) {
      const response = await fetch(`${edgeUrl}${path}?email=${encodeURIComponent(user.email)}`, {
        headers: { authorization: user.authorization },
      })
      const body = await response.text()
      expect(body).not.toContain(user.userId)
      // Outside /api/ a path is a screen of the web app: its HTML shell (whose router says "not found"), never the API.
      if (response.status === 200 && !path.startsWith('/api/')) {
        expect(response.headers.get('content-type')).toContain('text/html')
        expect(body).toContain('<div id="root"></div>')
      } else expect([400, 401, 404], `${path} answered ${response.status}`).toContain(response.status)
    }
  })
})
