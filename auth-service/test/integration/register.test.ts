import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectProblem, outboxEvents, password, startAuthService, type TestService, uniqueEmail } from './support.ts'

let service: TestService
beforeAll(async () => {
  service = await startAuthService()
})
afterAll(() => service.close())

const register = (payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
  service.app.inject({ method: 'POST', url: '/auth/register', payload, headers })

describe('POST /auth/register', () => {
  it('creates an active user with UTC and day start 0 by default, and never shows the hash', async () => {
    const email = uniqueEmail()
    const response = await register({ email, password, displayName: '  Grace Hopper ' })
    expect(response.statusCode).toBe(201)
    const { user } = response.json()
    expect(user).toMatchObject({ email, displayName: 'Grace Hopper', role: 'user', status: 'active', version: 1 })
    expect(user).toMatchObject({ timezone: 'UTC', dayStartHour: 0 })
    expect(user.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/)
    expect(user.createdAt).toMatch(/Z$/)
    expect(response.body).not.toMatch(/password|hash|\$2b\$/i)
  })

  it('keeps a chosen time zone and day start hour', async () => {
    const response = await register({
      email: uniqueEmail(),
      password,
      displayName: 'Ana',
      timezone: 'America/Sao_Paulo',
      dayStartHour: 4,
    })
    expect(response.json().user).toMatchObject({ timezone: 'America/Sao_Paulo', dayStartHour: 4 })
  })

  it('writes auth.user.registered to the outbox with the request id', async () => {
    const email = uniqueEmail()
    const response = await register({ email, password, displayName: 'Evt' }, { 'x-request-id': 'req-register-1' })
    const { id } = response.json().user
    const [event] = await outboxEvents(service.db, { userId: id })
    expect(event).toMatchObject({
      type: 'auth.user.registered',
      producer: 'auth-service',
      userId: id,
      requestId: 'req-register-1',
      data: { email, displayName: 'Evt', role: 'user', timezone: 'UTC', dayStartHour: 0 },
    })
  })

  it('answers 409 for an e-mail already taken in any case, and writes no event', async () => {
    const email = uniqueEmail()
    await register({ email, password, displayName: 'First' })
    const before = await service.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow()
    expectProblem(await register({ email: email.toUpperCase(), password, displayName: 'Second' }), 409, 'email-taken')
    const after = await service.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow()
    expect(after.n).toBe(before.n)
  })

  it('lets exactly one of concurrent registrations of one e-mail win', async () => {
    const email = uniqueEmail()
    const variants = [email, email.toUpperCase(), email, email.toUpperCase(), email]
    const responses = await Promise.all(variants.map((e) => register({ email: e, password, displayName: 'Racer' })))
    expect(responses.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409])
  })

  it('refuses passwords under 8 characters by schema, over 72 bytes with 422, and accepts exactly 72 bytes', async () => {
    const short = expectProblem(await register({ email: uniqueEmail(), password: 'seven77', displayName: 'A' }), 400)
    expect(short.errors).toEqual([{ field: '/body/password', message: expect.stringContaining('8 characters') }])
    const long = expectProblem(
      await register({ email: uniqueEmail(), password: 'é'.repeat(37), displayName: 'A' }),
      422,
    )
    expect(long.errors?.[0]).toEqual({ field: '/body/password', message: 'must be at most 72 bytes in UTF-8' })
    expect((await register({ email: uniqueEmail(), password: 'é'.repeat(36), displayName: 'A' })).statusCode).toBe(201)
  })

  it('refuses a time zone Intl does not know (422), and what is not shaped as a name, by schema (400)', async () => {
    const unknown = { email: uniqueEmail(), password, displayName: 'A', timezone: 'Mars/Olympus_Mons' }
    expect(expectProblem(await register(unknown), 422).errors?.[0]?.field).toBe('/body/timezone')
    for (const timezone of ['+01:00', 'utc offset']) {
      const problem = expectProblem(await register({ email: uniqueEmail(), password, displayName: 'A', timezone }), 400)
      expect(problem.errors?.[0]?.field).toBe('/body/timezone')
    }
  })

  it('validates the body by schema: unknown fields, missing fields, ranges', async () => {
    const cases = [
      { email: uniqueEmail(), password, displayName: 'A', role: 'admin' },
      { email: uniqueEmail(), password },
      { email: 'not-an-email', password, displayName: 'A' },
      { email: uniqueEmail(), password, displayName: 'A', dayStartHour: 24 },
      { email: uniqueEmail(), password, displayName: '' },
    ]
    for (const payload of cases) {
      const problem = expectProblem(await register(payload), 400, 'validation-failed')
      expect(problem.errors?.length).toBeGreaterThan(0)
    }
  })
})
