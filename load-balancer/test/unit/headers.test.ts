import { describe, expect, it } from 'vitest'
import { forwardable, upstreamHeaders } from '../../src/headers.ts'

describe('forwardable', () => {
  it('drops hop-by-hop headers and those the Connection header names', () => {
    const kept = forwardable({
      connection: 'keep-alive, x-secret-hop',
      'keep-alive': 'timeout=5',
      'transfer-encoding': 'chunked',
      'x-secret-hop': '1',
      'content-type': 'application/json',
      authorization: 'Bearer t',
    })
    expect(kept).toEqual({ 'content-type': 'application/json', authorization: 'Bearer t' })
  })
})

describe('upstreamHeaders', () => {
  const client = { address: '10.0.0.9', protocol: 'http' as const, host: 'focushub.local', requestId: 'req-1' }

  it('appends the client to X-Forwarded-For instead of replacing it', () => {
    const headers = upstreamHeaders({ 'x-forwarded-for': '203.0.113.7' }, client)
    expect(headers['x-forwarded-for']).toBe('203.0.113.7, 10.0.0.9')
  })

  it('keeps the proto and host an earlier proxy set, and sets the request id', () => {
    const headers = upstreamHeaders({ 'x-forwarded-proto': 'https', 'x-forwarded-host': 'app.example' }, client)
    expect(headers).toMatchObject({
      'x-forwarded-for': '10.0.0.9',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'app.example',
      'x-request-id': 'req-1',
    })
  })

  it('fills proto and host from this hop when nobody set them', () => {
    expect(upstreamHeaders({}, client)).toMatchObject({
      'x-forwarded-proto': 'http',
      'x-forwarded-host': 'focushub.local',
    })
  })
})
