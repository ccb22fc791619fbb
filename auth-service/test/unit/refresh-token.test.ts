import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { hashRefreshToken, newRefreshToken, refreshTokenPattern } from '../../src/modules/sessions/refresh-token.ts'

describe('refresh tokens', () => {
  it('are 32 random bytes in base64url, never repeating', () => {
    const tokens = new Set(Array.from({ length: 1000 }, newRefreshToken))
    expect(tokens.size).toBe(1000)
    for (const token of tokens) {
      expect(token).toMatch(new RegExp(refreshTokenPattern))
      expect(Buffer.from(token, 'base64url')).toHaveLength(32)
    }
  })

  it('are stored as their sha256, hex', () => {
    const token = newRefreshToken()
    expect(hashRefreshToken(token)).toBe(createHash('sha256').update(token).digest('hex'))
    expect(hashRefreshToken(token)).toMatch(/^[0-9a-f]{64}$/)
    expect(hashRefreshToken(token)).not.toBe(hashRefreshToken(newRefreshToken()))
  })
})
