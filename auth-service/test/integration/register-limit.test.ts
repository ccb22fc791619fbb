import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectProblem, password, startAuthService, type TestService, uniqueEmail } from './support.ts'

// The per-address sign-up budget at a value of its own (the other tests, and `./focushub test`'s stack,
// run with a large one).
let limited: TestService

beforeAll(async () => {
  limited = await startAuthService({ REGISTER_IP_MAX_ATTEMPTS: '2' })
})
afterAll(() => limited.close())

const register = (remoteAddress: string) =>
  limited.app.inject({
    method: 'POST',
    url: '/auth/register',
    remoteAddress,
    payload: { email: uniqueEmail('signup'), password, displayName: 'Sign-up' },
  })

describe('sign-ups per address', () => {
  it('answers 429 with Retry-After past REGISTER_IP_MAX_ATTEMPTS, for that address only', async () => {
    expect((await register('198.51.100.30')).statusCode).toBe(201)
    expect((await register('198.51.100.30')).statusCode).toBe(201)
    const refused = await register('198.51.100.30')
    expectProblem(refused, 429, 'too-many-requests')
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0)
    expect((await register('198.51.100.31')).statusCode).toBe(201)
  })
})
