import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  bearer,
  expectProblem,
  loginUser,
  outboxEvents,
  password,
  registerUser,
  signedInUser,
  startAuthService,
  type TestService,
} from './support.ts'

let service: TestService
beforeAll(async () => {
  service = await startAuthService()
})
afterAll(() => service.close())

const inject = (
  method: 'GET' | 'PATCH' | 'DELETE' | 'POST',
  url: string,
  token: string,
  payload?: object,
  headers = {},
) => service.app.inject({ method, url, headers: { ...bearer(token), ...headers }, ...(payload ? { payload } : {}) })

describe('GET /auth/me', () => {
  it('answers the profile with its version as ETag', async () => {
    const { user, session } = await signedInUser(service.app)
    const response = await inject('GET', '/auth/me', session.accessToken)
    expect(response.json()).toMatchObject({ id: user.id, email: user.email, version: 1 })
    expect(response.headers.etag).toBe('"1"')
  })

  it('stops a suspended user at once, before the token expires', async () => {
    const { user, session } = await signedInUser(service.app)
    await service.db.updateTable('users').set({ status: 'suspended' }).where('id', '=', user.id).execute()
    expectProblem(await inject('GET', '/auth/me', session.accessToken), 403, 'account-suspended')
  })
})

describe('PATCH /auth/me', () => {
  it('changes name, time zone and day start, bumps the version and emits profile_updated', async () => {
    const { user, session } = await signedInUser(service.app)
    const changes = { displayName: 'Ada L.', timezone: 'Asia/Tokyo', dayStartHour: 5, version: 1 }
    const response = await inject('PATCH', '/auth/me', session.accessToken, changes, { 'x-request-id': 'req-patch-me' })
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toMatchObject({
      displayName: 'Ada L.',
      timezone: 'Asia/Tokyo',
      dayStartHour: 5,
      version: 2,
    })
    const events = await outboxEvents(service.db, { userId: user.id })
    expect(events.at(-1)).toMatchObject({
      type: 'auth.user.profile_updated',
      requestId: 'req-patch-me',
      data: { displayName: 'Ada L.', timezone: 'Asia/Tokyo', dayStartHour: 5 },
    })
  })

  it('answers 412 to a stale version in the body or in If-Match', async () => {
    const { session } = await signedInUser(service.app)
    expect((await inject('PATCH', '/auth/me', session.accessToken, { dayStartHour: 1 })).json().version).toBe(2)
    expectProblem(await inject('PATCH', '/auth/me', session.accessToken, { dayStartHour: 2, version: 1 }), 412)
    const stale = { 'if-match': '"1"' }
    expectProblem(await inject('PATCH', '/auth/me', session.accessToken, { dayStartHour: 2 }, stale), 412)
    const fresh = await inject('PATCH', '/auth/me', session.accessToken, { dayStartHour: 2 }, { 'if-match': '"2"' })
    expect(fresh.json()).toMatchObject({ dayStartHour: 2, version: 3 })
    expect(fresh.headers.etag).toBe('"3"')
  })

  it('refuses unknown fields (no self-promotion), empty bodies and bad values', async () => {
    const { session } = await signedInUser(service.app)
    expectProblem(await inject('PATCH', '/auth/me', session.accessToken, { role: 'admin' }), 400)
    expectProblem(await inject('PATCH', '/auth/me', session.accessToken, {}), 400)
    expectProblem(await inject('PATCH', '/auth/me', session.accessToken, { version: 1 }), 422)
    expectProblem(await inject('PATCH', '/auth/me', session.accessToken, { dayStartHour: -1 }), 400)
    expectProblem(await inject('PATCH', '/auth/me', session.accessToken, { timezone: 'Nowhere/Land' }), 422)
    expectProblem(await inject('PATCH', '/auth/me', session.accessToken, { displayName: '   ' }), 400)
    expectProblem(
      await inject('PATCH', '/auth/me', session.accessToken, { dayStartHour: 1 }, { 'if-match': 'soon' }),
      400,
    )
  })
})

describe('POST /auth/password', () => {
  it('changes the password and ends every other sign-in, keeping this one', async () => {
    const { user, session } = await signedInUser(service.app)
    const other = await loginUser(service.app, user.email)
    const body = { currentPassword: password, newPassword: 'a brand new secret' }
    expect((await inject('POST', '/auth/password', session.accessToken, body)).statusCode).toBe(204)
    expectProblem(
      await service.app.inject({ method: 'POST', url: '/auth/login', payload: { email: user.email, password } }),
      401,
    )
    await loginUser(service.app, user.email, 'a brand new secret')
    const refresh = (refreshToken: string) =>
      service.app.inject({ method: 'POST', url: '/auth/refresh', payload: { refreshToken } })
    expectProblem(await refresh(other.refreshToken), 401)
    expect((await refresh(session.refreshToken)).statusCode).toBe(200)
  })

  it('refuses a wrong current password (403) and a weak new one (400 by schema)', async () => {
    const { session } = await signedInUser(service.app)
    const wrong = { currentPassword: 'not my password', newPassword: 'a brand new secret' }
    expectProblem(await inject('POST', '/auth/password', session.accessToken, wrong), 403, 'wrong-password')
    const weak = { currentPassword: password, newPassword: 'short' }
    expectProblem(await inject('POST', '/auth/password', session.accessToken, weak), 400)
    expectProblem(await service.app.inject({ method: 'POST', url: '/auth/password', payload: weak }), 401)
  })
})

describe('DELETE /auth/me', () => {
  it('deactivates at once, erases personal data, deletes refresh tokens and emits auth.user.deleted', async () => {
    const { user, session } = await signedInUser(service.app)
    const response = await inject(
      'DELETE',
      '/auth/me',
      session.accessToken,
      { password },
      { 'x-request-id': 'req-leave' },
    )
    expect(response.statusCode, response.body).toBe(204)
    const row = await service.db.selectFrom('users').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ status: 'deactivated', display_name: '', password_hash: null })
    expect(row.email).not.toContain(user.email.split('@')[0])
    expect(row.deleted_at).toBeInstanceOf(Date)
    const tokens = await service.db.selectFrom('refresh_tokens').selectAll().where('user_id', '=', user.id).execute()
    expect(tokens).toEqual([])
    expect((await outboxEvents(service.db, { userId: user.id })).at(-1)).toMatchObject({
      type: 'auth.user.deleted',
      requestId: 'req-leave',
    })
    expectProblem(await inject('GET', '/auth/me', session.accessToken), 401)
    expectProblem(
      await service.app.inject({ method: 'POST', url: '/auth/login', payload: { email: user.email, password } }),
      401,
    )
    await registerUser(service.app, { email: user.email })
  })

  it('needs the password', async () => {
    const { session } = await signedInUser(service.app)
    expectProblem(await inject('DELETE', '/auth/me', session.accessToken, { password: 'wrong password' }), 403)
    expectProblem(await inject('DELETE', '/auth/me', session.accessToken, {}), 400)
    expect((await inject('GET', '/auth/me', session.accessToken)).statusCode).toBe(200)
  })
})
