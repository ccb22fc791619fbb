import { describe, expect, it, vi } from 'vitest'
import { type AuthenticatedUser, invalidToken, withVerifiedTokenCache } from '../../src/auth/token-verifier.ts'

const user = (expiresInSeconds: number): AuthenticatedUser => ({
  userId: 'u-1',
  role: 'user',
  jti: 'j-1',
  expiresAt: Math.floor(Date.now() / 1000) + expiresInSeconds,
})

describe('withVerifiedTokenCache', () => {
  it('verifies a token once while it stays valid', async () => {
    const verify = vi.fn(async () => user(900))
    const cached = withVerifiedTokenCache(verify)
    expect(await cached('token-a')).toMatchObject({ userId: 'u-1' })
    expect(await cached('token-a')).toMatchObject({ userId: 'u-1' })
    expect(verify).toHaveBeenCalledTimes(1)
    await cached('token-b')
    expect(verify).toHaveBeenCalledTimes(2)
  })

  it('never remembers a refusal', async () => {
    const verify = vi.fn(async () => {
      throw invalidToken()
    })
    const cached = withVerifiedTokenCache(verify)
    await expect(cached('bad')).rejects.toMatchObject({ status: 401 })
    await expect(cached('bad')).rejects.toMatchObject({ status: 401 })
    expect(verify).toHaveBeenCalledTimes(2)
  })

  it('forgets a token when it expires, even before the cache age', async () => {
    const verify = vi.fn(async () => user(1))
    const cached = withVerifiedTokenCache(verify, { maxAgeMs: 60_000 })
    await cached('short-lived')
    await new Promise((resolve) => setTimeout(resolve, 1100))
    await cached('short-lived')
    expect(verify).toHaveBeenCalledTimes(2)
  })
})
