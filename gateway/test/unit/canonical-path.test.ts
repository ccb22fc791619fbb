import { describe, expect, it } from 'vitest'
import { nonCanonicalPart } from '../../src/modules/edge/canonical-path.ts'

describe('nonCanonicalPart', () => {
  it('accepts the one spelling of a path, with or without a query', () => {
    for (const url of [
      '/',
      '/?x=1',
      '/api/v1/auth/login',
      '/api/v1/auth/.well-known/jwks.json',
      '/api/v1/tasks?cursor=a%2Fb&q=..//',
      '/api/v1/labels/caf%C3%A9',
      '/api/v1/auth/LOGIN',
    ])
      expect(nonCanonicalPart(url), url).toBeUndefined()
  })

  it('names what makes any other spelling a second one', () => {
    expect(nonCanonicalPart('/api/v1/auth/%6cogin')).toBe('a percent-encoded letter, digit, mark or slash')
    expect(nonCanonicalPart('/api/v1/auth/%2Ewell-known/jwks.json')).toBe(
      'a percent-encoded letter, digit, mark or slash',
    )
    expect(nonCanonicalPart('/api/v1/auth%2flogin')).toBe('a percent-encoded letter, digit, mark or slash')
    expect(nonCanonicalPart('/api/v1//auth/login')).toBe('an empty segment (a double or trailing slash)')
    expect(nonCanonicalPart('/api/v1/auth/login/')).toBe('an empty segment (a double or trailing slash)')
    expect(nonCanonicalPart('/api/v1/auth/login/?x')).toBe('an empty segment (a double or trailing slash)')
    expect(nonCanonicalPart('/api/v1/auth/./login')).toBe('a dot segment')
    expect(nonCanonicalPart('/api/v1/auth/x/../login')).toBe('a dot segment')
    expect(nonCanonicalPart('/api/v1/auth/..')).toBe('a dot segment')
    expect(nonCanonicalPart('/api/v1/auth/login#x')).toBe('a fragment')
    expect(nonCanonicalPart('/api/v1/auth/login%zz')).toBe('a malformed percent-encoding')
    expect(nonCanonicalPart('/api/v1/auth/login%2')).toBe('a malformed percent-encoding')
    expect(nonCanonicalPart('*')).toBe('no leading slash')
  })
})
