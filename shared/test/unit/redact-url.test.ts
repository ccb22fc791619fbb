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

  it("cuts an unsubscribe link's token from the query, in every spelling of its name", () => {
    expect(redactUrl(`/api/v1/notifications/unsubscribe?token=${token}`)).toBe(
      '/api/v1/notifications/unsubscribe?token=[redacted]',
    )
    expect(redactUrl(`/notifications/unsubscribe?a=1&%74oken=${token}&b=2`)).toBe(
      '/notifications/unsubscribe?a=1&%74oken=[redacted]&b=2',
    )
    expect(redactUrl(`/x?TOKEN=${token}`)).toBe('/x?TOKEN=[redacted]')
    expect(redactUrl('/x?tokens=1&mytoken=2')).toBe('/x?tokens=1&mytoken=2')
  })

  it('leaves every other URL as it is', () => {
    expect(redactUrl('/api/v1/tasks?cursor=abc%2F&limit=5')).toBe('/api/v1/tasks?cursor=abc%2F&limit=5')
    expect(redactUrl('/api/v1/focus/sessions/public')).toBe('/api/v1/focus/sessions/public')
  })
})
