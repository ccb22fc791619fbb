import { randomUUID } from 'node:crypto'
import { manualClock } from '@focushub/shared/testing'
import { SignJWT } from 'jose'
import { describe, expect, it } from 'vitest'
import { unsubscribeTokens } from '../../src/modules/email/unsubscribe-token.ts'

const secret = 'a-test-secret-of-at-least-32-characters'
const day = 86_400

function setUp() {
  const clock = manualClock('2026-03-01T08:00:00Z')
  return { clock, tokens: unsubscribeTokens({ secret, ttlSeconds: 30 * day, now: clock.now }) }
}

/** A token signed with the right key but claims of the test's choosing. */
const forged = (claims: Record<string, unknown>, { key = secret, issuer = 'focushub-notification-service' } = {}) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(issuer)
    .setAudience('focushub:unsubscribe')
    .setIssuedAt()
    .setExpirationTime('1d')
    .sign(new TextEncoder().encode(key))

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')

describe('unsubscribe tokens', () => {
  it('name the user and the kind they turn off, read back without signing in', async () => {
    const { tokens } = setUp()
    const userId = randomUUID()
    const token = await tokens.sign(userId, 'daily_goal_reached')
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/)
    expect(await tokens.verify(token)).toEqual({ valid: true, userId, kind: 'daily_goal_reached' })
    expect(await tokens.verify(await tokens.sign(userId, 'all'))).toEqual({ valid: true, userId, kind: 'all' })
  })

  it('work until their lifetime ends, and are expired after', async () => {
    const { clock, tokens } = setUp()
    const token = await tokens.sign(randomUUID(), 'project_invitation')
    clock.advanceMinutes(30 * 24 * 60 - 1)
    expect(await tokens.verify(token)).toMatchObject({ valid: true })
    clock.advanceMinutes(2)
    expect(await tokens.verify(token)).toEqual({ valid: false, reason: 'expired' })
  })

  it('refuse a token whose claims were changed (another user, all kinds) or whose signature was', async () => {
    const { tokens } = setUp()
    const token = await tokens.sign(randomUUID(), 'achievement_unlocked')
    const [header, payload, signature] = token.split('.')
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString())
    for (const changed of [
      { ...claims, sub: randomUUID() },
      { ...claims, kind: 'all' },
      { ...claims, exp: 4e9 },
    ]) {
      expect(await tokens.verify(`${header}.${base64url(changed)}.${signature}`)).toEqual({
        valid: false,
        reason: 'invalid',
      })
    }
    const flipped = signature.at(-2) === 'A' ? 'B' : 'A'
    const badSignature = `${header}.${payload}.${signature.slice(0, -2)}${flipped}${signature.at(-1)}`
    expect(await tokens.verify(badSignature)).toEqual({ valid: false, reason: 'invalid' })
  })

  it('refuse a kind there is no such notification of, and a subject that is not a user id', async () => {
    const { tokens } = setUp()
    expect(await tokens.verify(await forged({ sub: randomUUID(), kind: 'marketing' }))).toEqual({
      valid: false,
      reason: 'invalid',
    })
    expect(await tokens.verify(await forged({ sub: randomUUID() }))).toMatchObject({ valid: false })
    expect(await tokens.verify(await forged({ sub: 'admin', kind: 'all' }))).toMatchObject({ valid: false })
  })

  it('refuse tokens of another key, another issuer, no algorithm, or that are no token at all', async () => {
    const { tokens } = setUp()
    const claims = { sub: randomUUID(), kind: 'all' }
    const otherKey = await forged(claims, { key: 'another-secret-of-at-least-32-characters' })
    const otherIssuer = await forged(claims, { issuer: 'focushub-auth' })
    const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...claims, exp: 4e9 })}.`
    for (const token of [otherKey, otherIssuer, unsigned, '', 'not-a-token', 'a.b.c', 'x'.repeat(5000)]) {
      expect(await tokens.verify(token)).toEqual({ valid: false, reason: 'invalid' })
    }
    expect(await tokens.verify(await forged(claims))).toMatchObject({ valid: true })
  })
})
