import { anyCursor } from '@focushub/shared/testing'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  bearer,
  expectProblem,
  password,
  signedInUser,
  startAuthService,
  type TestService,
  uniqueEmail,
} from './support.ts'

let service: TestService
let token: string
beforeAll(async () => {
  service = await startAuthService({ ADMIN_EMAIL: uniqueEmail('root'), ADMIN_PASSWORD: 'admin password 1' })
  const login = await service.app.inject({
    method: 'POST',
    url: '/auth/login',
    payload: { email: service.config.ADMIN_EMAIL, password: 'admin password 1' },
  })
  token = login.json().accessToken
})
afterAll(() => service.close())

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  service.app.inject({ method: 'POST', url, payload: payload as string, headers })

/** Bad input is the client's problem: a 4xx problem+json, never a 500. */
function expectClientError(response: { statusCode: number; headers: Record<string, unknown>; body: string }) {
  expect(response.statusCode, response.body).toBeGreaterThanOrEqual(400)
  expect(response.statusCode, response.body).toBeLessThan(500)
  expect(response.headers['content-type']).toContain('application/problem+json')
}

describe('huge inputs', () => {
  it('refuses bodies over the limit and fields over their bounds', async () => {
    expectProblem(
      await post('/auth/register', { email: uniqueEmail(), password, displayName: 'x'.repeat(300_000) }),
      413,
    )
    expectClientError(
      await post('/auth/register', { email: `${'a'.repeat(5000)}@example.com`, password, displayName: 'A' }),
    )
    expectClientError(await post('/auth/login', { email: uniqueEmail(), password: 'p'.repeat(5000) }))
    expectClientError(await post('/auth/register', { email: uniqueEmail(), password, displayName: 'x'.repeat(101) }))
    expectClientError(await post('/auth/refresh', { refreshToken: 'r'.repeat(10_000) }))
    expectClientError(await service.app.inject({ url: `/admin/users?q=${'q'.repeat(1000)}`, headers: bearer(token) }))
  })
})

describe('unicode', () => {
  it('keeps names in any script, counts password characters and bytes correctly', async () => {
    const displayName = 'Ζωή 🌱 محمد 山田'
    const response = await post('/auth/register', { email: uniqueEmail(), password: '密码密码密码密码', displayName })
    expect(response.statusCode, response.body).toBe(201)
    expect(response.json().user.displayName).toBe(displayName)
    expectProblem(
      await post('/auth/register', { email: uniqueEmail(), password: '🌱🌱🌱🌱🌱🌱🌱', displayName: 'A' }),
      400,
    )
    expectProblem(
      await post('/auth/register', { email: uniqueEmail(), password: '🌱'.repeat(19), displayName: 'A' }),
      422,
    )
  })

  it('refuses control characters and NUL in names and passwords', async () => {
    expectProblem(await post('/auth/register', { email: uniqueEmail(), password, displayName: 'Bob\u0000' }), 400)
    expectProblem(await post('/auth/register', { email: uniqueEmail(), password, displayName: 'Bob\nAdmin' }), 400)
    expectProblem(
      await post('/auth/register', { email: uniqueEmail(), password: 'abc\u0000defghij', displayName: 'A' }),
      400,
    )
    expectClientError(await post('/auth/register', { email: 'ünïcode@exämple.com', password, displayName: 'A' }))
  })
})

describe('injection-shaped inputs', () => {
  it('are data, never code', async () => {
    const sqlish = "x'; drop table users; --"
    expectClientError(await post('/auth/login', { email: "' or 1=1 --@example.com", password: sqlish }))
    const stored = await post('/auth/register', {
      email: uniqueEmail(),
      password,
      displayName: `<script>${sqlish}</script>`,
    })
    expect(stored.json().user.displayName).toBe(`<script>${sqlish}</script>`)
    const search = await service.app.inject({
      url: `/admin/users?q=${encodeURIComponent(sqlish)}`,
      headers: bearer(token),
    })
    expect(search.json()).toEqual({ items: [], nextCursor: null })
    expectClientError(await service.app.inject({ url: "/admin/users?cursor=' or 1=1", headers: bearer(token) }))
    expectClientError(
      await service.app.inject({
        method: 'PATCH',
        url: "/admin/users/1' or '1'='1",
        headers: bearer(token),
        payload: { role: 'user', reason: 'x' },
      }),
    )
    expect((await service.app.inject({ url: '/auth/me', headers: bearer(token) })).statusCode).toBe(200)
  })

  it('refuses prototype pollution, malformed JSON, wrong types and wrong content types', async () => {
    const json = { 'content-type': 'application/json' }
    expectClientError(
      await post(
        '/auth/register',
        `{"email":"${uniqueEmail()}","password":"${password}","displayName":"A","__proto__":{"role":"admin"}}`,
        json,
      ),
    )
    expectClientError(await post('/auth/login', '{"email": "a@b.c", "password": ', json))
    expectClientError(await post('/auth/login', { email: ['a@b.c'], password: { $ne: null } }))
    expectClientError(
      await post('/auth/login', 'email=a@b.c&password=x', { 'content-type': 'application/x-www-form-urlencoded' }),
    )
    expectClientError(await post('/auth/login', null))
    const { session } = await signedInUser(service.app)
    expectClientError(
      await service.app.inject({
        method: 'PATCH',
        url: '/auth/me',
        headers: bearer(session.accessToken),
        payload: { dayStartHour: '5; drop' },
      }),
    )
  })
})

describe('admin list cursors', () => {
  it('answer any cursor, well-formed or not, with a page or a 400 problem', async () => {
    for (const list of ['/admin/users', '/admin/audit']) {
      await fc.assert(
        fc.asyncProperty(anyCursor, async (cursor) => {
          const response = await service.app.inject({
            url: `${list}?limit=1&cursor=${encodeURIComponent(cursor)}`,
            headers: bearer(token),
          })
          if (response.statusCode !== 200) expectClientError(response)
        }),
        { numRuns: 50 },
      )
    }
  })
})
