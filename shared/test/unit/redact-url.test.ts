import { describe, expect, it } from 'vitest'
import { redactUrl } from '../../src/logger.ts'

const token = `${'A'.repeat(20)}_-${'z9'.repeat(10)}Q`

describe('redactUrl', () => {
  it("cuts a public share link's token, in every spelling of its path", () => {
    expect(redactUrl(`/api/v1/focus/public/${token}`)).toBe('/api/v1/focus/public/[redacted]')
    expect(redactUrl(`/focus/public/${token}?utm=x`)).toBe('/focus/public/[redacted]?utm=x')
    expect(redactUrl(`/api/v1/focus/%70ublic/${token}`)).toBe('/api/v1/focus/public/[redacted]')
    expect(redactUrl(`/api/v1/focus/PUBLIC/${token}/more`)).toBe('/api/v1/focus/public/[redacted]')
    expect(redactUrl(`/api/v1/focus/public%2F${token}`)).toBe('/api/v1/focus/public/[redacted]')
  })

  it('leaves every other URL as it is', () => {
    expect(redactUrl('/api/v1/tasks?cursor=abc%2F&limit=5')).toBe('/api/v1/tasks?cursor=abc%2F&limit=5')
    expect(redactUrl('/api/v1/focus/sessions/public')).toBe('/api/v1/focus/sessions/public')
  })
})
