import { describe, expect, it } from 'vitest'
import { securityHeaders, trustedProxies } from '../../src/plugins/security.ts'

describe('trustedProxies', () => {
  it('trusts the listed addresses and ranges only, IPv4-mapped spellings included, asked once or again', () => {
    const trusts = trustedProxies(['127.0.0.1', '::1', '10.0.0.0/8'], 3)
    const answers = (addresses: string[]) => addresses.map((address) => trusts(address, 0))
    const asked = ['127.0.0.1', '::ffff:127.0.0.1', '::1', '10.2.3.4', '11.0.0.1', '::2', 'not an address', '']
    const expected = [true, true, true, true, false, false, false, false]
    expect(answers(asked)).toEqual(expected)
    // The kept answers (and the memory starting over past `remembered`) answer the same.
    expect(answers(asked)).toEqual(expected)
  })
})

describe('securityHeaders', () => {
  it('holds helmet’s headers for a JSON API, computed once', () => {
    expect(securityHeaders()).toMatchObject({
      'content-security-policy': "default-src 'none';frame-ancestors 'none'",
      'x-content-type-options': 'nosniff',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
    })
    expect(securityHeaders()).not.toHaveProperty('x-powered-by')
  })
})
