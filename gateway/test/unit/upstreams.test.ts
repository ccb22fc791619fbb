import { describe, expect, it } from 'vitest'
import { isAnonymousRoute } from '../../src/upstreams.ts'

const token = `${'A'.repeat(20)}_-${'z9'.repeat(10)}Q`

describe('isAnonymousRoute', () => {
  it("lets focus-service's public share link through without a token", () => {
    expect(token).toHaveLength(43)
    expect(isAnonymousRoute('GET', `/api/v1/focus/public/${token}`)).toBe(true)
    expect(isAnonymousRoute('GET', `/api/v1/focus/public/${token}?utm=x`)).toBe(true)
  })

  it('keeps every other spelling and method of it behind the token check', () => {
    expect(isAnonymousRoute('DELETE', `/api/v1/focus/public/${token}`)).toBe(false)
    expect(isAnonymousRoute('GET', `/api/v1/focus/public/${token}/more`)).toBe(false)
    expect(isAnonymousRoute('GET', `/api/v1/focus/public/${token}x`)).toBe(false)
    expect(isAnonymousRoute('GET', '/api/v1/focus/public/')).toBe(false)
    expect(isAnonymousRoute('GET', '/api/v1/focus/sessions')).toBe(false)
    expect(isAnonymousRoute('GET', `/api/v1/focus/sessions/../public/${token}`)).toBe(false)
  })

  it('still knows the exact anonymous routes', () => {
    expect(isAnonymousRoute('POST', '/api/v1/auth/login')).toBe(true)
    expect(isAnonymousRoute('GET', '/api/v1/auth/me')).toBe(false)
  })

  it("lets an e-mail's one-click unsubscribe link through (its token is in the query), and nothing beside it", () => {
    expect(isAnonymousRoute('GET', '/api/v1/notifications/unsubscribe?token=x')).toBe(true)
    expect(isAnonymousRoute('POST', '/api/v1/notifications/unsubscribe?token=x')).toBe(true)
    expect(isAnonymousRoute('DELETE', '/api/v1/notifications/unsubscribe')).toBe(false)
    expect(isAnonymousRoute('GET', '/api/v1/notifications/unsubscribe/x')).toBe(false)
    expect(isAnonymousRoute('GET', '/api/v1/notifications')).toBe(false)
  })
})
