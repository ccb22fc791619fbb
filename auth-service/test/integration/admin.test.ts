import type { EventData } from '@focushub/shared/events'
import type { App } from '@focushub/shared/http'
import { createTestDatabase } from '@focushub/shared/testing'
import { decodeJwt } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.ts'
import { migrations } from '../../src/db/migrations/index.ts'
import type { Database } from '../../src/db/tables.ts'
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
  testConfig,
  uniqueEmail,
} from './support.ts'

const adminEmail = uniqueEmail('root')
const adminPassword = 'admin password 1'
let service: TestService
let admin: { id: string; token: string }

beforeAll(async () => {
  service = await startAuthService({ ADMIN_EMAIL: adminEmail, ADMIN_PASSWORD: adminPassword })
  const session = await loginUser(service.app, adminEmail, adminPassword)
  admin = { id: session.user.id, token: session.accessToken }
})
afterAll(() => service.close())

const patchUser = (id: string, payload: object, token = admin.token, headers = {}) =>
  service.app.inject({ method: 'PATCH', url: `/admin/users/${id}`, payload, headers: { ...bearer(token), ...headers } })
const get = (url: string, token = admin.token) => service.app.inject({ url, headers: bearer(token) })
const refresh = (refreshToken: string) =>
  service.app.inject({ method: 'POST', url: '/auth/refresh', payload: { refreshToken } })
const sidOf = (accessToken: string) => decodeJwt(accessToken).sid as string

async function revocations(userId: string) {
  const events = await outboxEvents(service.db, { userId, type: 'auth.user.sessions_revoked' })
  return events as unknown as { requestId: string; data: EventData<'auth.user.sessions_revoked'> }[]
}

describe('bootstrap admin', () => {
  it('is created from configuration, once, across restarts and concurrent replicas', async () => {
    const { config } = await testConfig({ ADMIN_EMAIL: uniqueEmail('boot'), ADMIN_PASSWORD: adminPassword })
    const database = await createTestDatabase<Database>(config.AUTH_DATABASE_URL, migrations)
    const apps: App[] = []
    try {
      apps.push(...(await Promise.all([buildApp(config, { db: database.db }), buildApp(config, { db: database.db })])))
      apps.push(await buildApp(config, { db: database.db }))
      const admins = await database.db.selectFrom('users').selectAll().where('role', '=', 'admin').execute()
      expect(admins).toHaveLength(1)
      expect(await database.db.selectFrom('outbox').selectAll().execute()).toHaveLength(1)
    } finally {
      await Promise.all(apps.map((app) => app.close()))
      await database.destroy()
    }
  })
})

describe('who may use admin routes', () => {
  it('answers 401 without a token and 403 to non-admins', async () => {
    const { user, session } = await signedInUser(service.app)
    for (const url of ['/admin/users', '/admin/audit']) {
      expectProblem(await service.app.inject({ url }), 401)
      expectProblem(await get(url, session.accessToken), 403, 'forbidden')
    }
    expectProblem(await patchUser(user.id, { role: 'admin', reason: 'me' }, session.accessToken), 403)
  })

  it('ends a demoted admin’s sign-ins: their young admin token is refused at once', async () => {
    const { user } = await signedInUser(service.app)
    await patchUser(user.id, { role: 'admin', reason: 'helping out' })
    const promoted = await loginUser(service.app, user.email)
    expect((await get('/admin/users', promoted.accessToken)).statusCode).toBe(200)
    expect((await patchUser(user.id, { role: 'user', reason: 'done' })).statusCode).toBe(200)
    expectProblem(await get('/admin/users', promoted.accessToken), 401, 'session-revoked')
    expectProblem(await refresh(promoted.refreshToken), 401, 'invalid-refresh-token')
    const demotion = (await revocations(user.id)).at(-1)
    expect(demotion?.data).toMatchObject({ reason: 'role_changed', sessionIds: [sidOf(promoted.accessToken)] })
  })

  it('checks the database too: a token whose role the row no longer has is refused', async () => {
    const { user } = await signedInUser(service.app)
    await patchUser(user.id, { role: 'admin', reason: 'helping out' })
    const promoted = await loginUser(service.app, user.email)
    // The row alone, as no route changes it: the sign-in lives on and the token still says admin.
    await service.db.updateTable('users').set({ role: 'user' }).where('id', '=', user.id).execute()
    expectProblem(await get('/admin/users', promoted.accessToken), 403, 'forbidden')
  })
})

describe('GET /admin/users', () => {
  it('pages through users with an opaque cursor, newest first, without gaps or repeats', async () => {
    const tag = `page${Date.now()}`
    const created = []
    for (let i = 0; i < 5; i++) created.push(await registerUser(service.app, { email: uniqueEmail(tag) }))
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const query: string = `/admin/users?limit=2&q=${tag}${cursor ? `&cursor=${cursor}` : ''}`
      const page = (await get(query)).json()
      expect(page.items.length).toBeLessThanOrEqual(2)
      seen.push(...page.items.map((item: { id: string }) => item.id))
      cursor = page.nextCursor
    } while (cursor)
    expect(seen).toEqual(created.map((user) => user.id).reverse())
  })

  it('searches by case-insensitive prefix of e-mail or name, literally', async () => {
    const user = await registerUser(service.app, { displayName: 'Zebulon Quartz' })
    const byName = (await get('/admin/users?q=zebulon%20q')).json()
    expect(byName.items.map((item: { id: string }) => item.id)).toEqual([user.id])
    const byEmail = (await get(`/admin/users?q=${encodeURIComponent(user.email.toUpperCase())}`)).json()
    expect(byEmail.items).toHaveLength(1)
    expect((await get('/admin/users?q=%25')).json().items).toEqual([])
    expect((await get('/admin/users?q=_')).json().items).toEqual([])
  })

  it('filters by role and status, and refuses bad limits and cursors', async () => {
    const admins = (await get('/admin/users?role=admin&status=active')).json()
    expect(admins.items.every((item: { role: string }) => item.role === 'admin')).toBe(true)
    expectProblem(await get('/admin/users?limit=201'), 400)
    expectProblem(await get('/admin/users?limit=0'), 400)
    expectProblem(await get('/admin/users?cursor=bm90LWEtY3Vyc29y'), 400)
    expectProblem(await get('/admin/users?role=root'), 400)
  })
})

describe('PATCH /admin/users/{id}', () => {
  it('suspends with a reason: sign-ins ended, sign-in refused, events emitted, audited', async () => {
    const { user, session } = await signedInUser(service.app)
    const response = await patchUser(user.id, { status: 'suspended', reason: 'spam' }, admin.token, {
      'x-request-id': 'req-suspend',
    })
    expect(response.json()).toMatchObject({ status: 'suspended', version: 2 })
    expectProblem(await refresh(session.refreshToken), 401)
    const login = await service.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { email: user.email, password },
    })
    expectProblem(login, 403, 'account-suspended')
    expectProblem(await get('/auth/me', session.accessToken), 403)
    // The account's refusal first, so its streams end as refused; then the sign-ins, which stay
    // refused if the account is reactivated before their access tokens expire.
    expect((await outboxEvents(service.db, { userId: user.id })).slice(-2)).toMatchObject([
      {
        type: 'auth.user.status_changed',
        requestId: 'req-suspend',
        data: { status: 'suspended', previousStatus: 'active', reason: 'spam', changedBy: admin.id },
      },
      {
        type: 'auth.user.sessions_revoked',
        requestId: 'req-suspend',
        data: { reason: 'status_changed', sessionIds: [sidOf(session.accessToken)] },
      },
    ])
    const audit = (await get(`/admin/audit?targetUserId=${user.id}`)).json()
    expect(audit.items[0]).toMatchObject({
      action: 'user.status_changed',
      actorId: admin.id,
      targetUserId: user.id,
      requestId: 'req-suspend',
      details: { from: 'active', to: 'suspended', reason: 'spam' },
    })
    expect((await patchUser(user.id, { status: 'active', reason: 'appeal granted' })).statusCode).toBe(200)
    expectProblem(await get('/auth/me', session.accessToken), 401, 'session-revoked')
    expect(await revocations(user.id)).toHaveLength(1)
    await loginUser(service.app, user.email)
  })

  it('changes the role and ends every sign-in: old tokens stop working, a new sign-in carries the role', async () => {
    const { user, session } = await signedInUser(service.app)
    const other = await loginUser(service.app, user.email)
    const response = await patchUser(user.id, { role: 'admin', reason: 'team lead' }, admin.token, {
      'x-request-id': 'req-promote',
    })
    expect(response.json().role).toBe('admin')
    for (const ended of [session, other]) {
      expectProblem(await refresh(ended.refreshToken), 401, 'invalid-refresh-token')
      expectProblem(await get('/auth/me', ended.accessToken), 401, 'session-revoked')
    }
    const [event, ...more] = await revocations(user.id)
    expect(more).toEqual([])
    expect(event).toMatchObject({ requestId: 'req-promote', data: { reason: 'role_changed' } })
    expect([...event.data.sessionIds].sort()).toEqual([sidOf(session.accessToken), sidOf(other.accessToken)].sort())
    expect(Date.parse(event.data.accessTokensExpireBy)).toBeGreaterThan(Date.now() + 900_000)
    const again = await loginUser(service.app, user.email)
    expect(decodeJwt(again.accessToken).role).toBe('admin')
    expect((await get('/admin/users', again.accessToken)).statusCode).toBe(200)
    const audit = (await get(`/admin/audit?targetUserId=${user.id}&action=user.role_changed`)).json()
    expect(audit.items).toHaveLength(1)
  })

  it('grants the moderator role: a new sign-in carries it, and a moderator is no admin', async () => {
    const { user } = await signedInUser(service.app)
    const response = await patchUser(user.id, { role: 'moderator', reason: 'community team' })
    expect(response.statusCode).toBe(200)
    expect(response.json().role).toBe('moderator')
    const moderator = await loginUser(service.app, user.email)
    expect(decodeJwt(moderator.accessToken).role).toBe('moderator')
    expectProblem(await get('/admin/users', moderator.accessToken), 403)
    expectProblem(await patchUser(user.id, { role: 'admin', reason: 'me' }, moderator.accessToken), 403)
    expect((await get('/admin/users?role=moderator')).json().items.map((item: { id: string }) => item.id)).toContain(
      user.id,
    )
  })

  it('changes nothing, and ends no sign-in, when the role and status are already those asked for', async () => {
    const { user, session } = await signedInUser(service.app)
    expect((await patchUser(user.id, { role: 'user', reason: 'no-op' })).json().version).toBe(1)
    expect((await refresh(session.refreshToken)).statusCode).toBe(200)
    expect(await revocations(user.id)).toEqual([])
  })

  it('answers 404, 400, 422 and 412 where they belong', async () => {
    const { user } = await signedInUser(service.app)
    expectProblem(await patchUser('01900000-0000-7000-8000-000000000000', { role: 'user', reason: 'x' }), 404)
    expectProblem(await patchUser('not-a-uuid', { role: 'user', reason: 'x' }), 400)
    expectProblem(await patchUser(user.id, { status: 'suspended' }), 400)
    expectProblem(await patchUser(user.id, { reason: 'nothing' }), 422)
    expectProblem(await patchUser(user.id, { status: 'suspended', reason: 'x', version: 7 }), 412)
    expectProblem(
      await patchUser(user.id, { status: 'suspended', reason: 'x' }, admin.token, { 'if-match': '"9"' }),
      412,
    )
  })

  it('refuses a change to a deleted account with a code of its own, not the last-admin one', async () => {
    const { user, session } = await signedInUser(service.app)
    const leaving = await service.app.inject({
      method: 'DELETE',
      url: '/auth/me',
      payload: { password: user.password },
      headers: bearer(session.accessToken),
    })
    expect(leaving.statusCode, leaving.body).toBe(204)
    const problem = expectProblem(await patchUser(user.id, { role: 'admin', reason: 'too late' }), 409, 'user-deleted')
    expect(problem.code).not.toBe('last-active-admin')
  })

  it('never lets the last active admin demote, suspend or deactivate themselves', async () => {
    const others = (await get('/admin/users?role=admin&status=active'))
      .json()
      .items.filter((u: { id: string }) => u.id !== admin.id)
    for (const other of others) await patchUser(other.id, { role: 'user', reason: 'cleanup' })
    for (const change of [{ role: 'user' }, { status: 'suspended' }, { status: 'deactivated' }]) {
      const problem = expectProblem(await patchUser(admin.id, { ...change, reason: 'oops' }), 409, 'last-active-admin')
      expect(problem.detail).toContain('last active admin')
    }
    const leaving = await service.app.inject({
      method: 'DELETE',
      url: '/auth/me',
      payload: { password: adminPassword },
      headers: bearer(admin.token),
    })
    expectProblem(leaving, 409, 'last-active-admin')
    const { user } = await signedInUser(service.app)
    await patchUser(user.id, { role: 'admin', reason: 'second admin' })
    expect((await patchUser(admin.id, { role: 'user', reason: 'stepping down' })).statusCode).toBe(200)
    expectProblem(await get('/admin/users'), 401, 'session-revoked')
    const deputy = await loginUser(service.app, user.email)
    await patchUser(admin.id, { role: 'admin', reason: 'back' }, deputy.accessToken)
    admin.token = (await loginUser(service.app, adminEmail, adminPassword)).accessToken
  })
})

describe('GET /admin/audit', () => {
  it('pages newest first', async () => {
    const first = (await get('/admin/audit?limit=1')).json()
    expect(first.items).toHaveLength(1)
    expect(first.nextCursor).toEqual(expect.any(String))
    const second = (await get(`/admin/audit?limit=1&cursor=${first.nextCursor}`)).json()
    expect(second.items[0].id < first.items[0].id).toBe(true)
  })
})
