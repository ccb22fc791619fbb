import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { hashOpaqueToken, newOpaqueToken, refreshTokenPattern } from '../../src/modules/sessions/refresh-token.ts'

describe('refresh tokens', () => {
  it('are 32 random bytes in base64url, never repeating', () => {
    const tokens = new Set(Array.from({ length: 1000 }, newOpaqueToken))
    expect(tokens.size).toBe(1000)
    for (const token of tokens) {
      expect(token).toMatch(new RegExp(refreshTokenPattern))
      expect(Buffer.from(token, 'base64url')).toHaveLength(32)
    }
  })

  it('are stored as their sha256, hex', () => {
    const token = newOpaqueToken()
    expect(hashOpaqueToken(token)).toBe(createHash('sha256').update(token).digest('hex'))
    expect(hashOpaqueToken(token)).toMatch(/^[0-9a-f]{64}$/)
    expect(hashOpaqueToken(token)).not.toBe(hashOpaqueToken(newOpaqueToken()))
  })
})
