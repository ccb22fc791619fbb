import type { App } from '@focushub/shared/http'
import { closedAddress } from '@focushub/shared/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.ts'
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
let withoutRedis: App

beforeAll(async () => {
  service = await startAuthService()
  withoutRedis = await buildApp({ ...service.config, REDIS_URL: `redis://${closedAddress}` }, { db: service.db })
})
afterAll(async () => {
  await withoutRedis.close()
  await service.close()
})

describe('while Redis is down', () => {
  it('refuses sign-in and sign-up with 503 and Retry-After: throttling fails closed', async () => {
    const { user } = await signedInUser(service.app)
    const login = await withoutRedis.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { email: user.email, password },
    })
    expectProblem(login, 503, 'service-unavailable')
    expect(login.headers['retry-after']).toBe('5')
    const register = await withoutRedis.inject({
      method: 'POST',
      url: '/auth/register',
      payload: { email: uniqueEmail(), password, displayName: 'A' },
    })
    expectProblem(register, 503)
  })

  it('keeps refresh, logout and the profile working', async () => {
    const { session } = await signedInUser(service.app)
    const refreshed = await withoutRedis.inject({
      method: 'POST',
      url: '/auth/refresh',
      payload: { refreshToken: session.refreshToken },
    })
    expect(refreshed.statusCode).toBe(200)
    expect(
      (await withoutRedis.inject({ url: '/auth/me', headers: bearer(refreshed.json().accessToken) })).statusCode,
    ).toBe(200)
    const logout = await withoutRedis.inject({
      method: 'POST',
      url: '/auth/logout',
      payload: { refreshToken: refreshed.json().refreshToken },
    })
    expect(logout.statusCode).toBe(204)
  })
})
