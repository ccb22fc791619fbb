import { describe, expect, it } from 'vitest'
import { upstreamError } from '../../src/modules/upstream/upstream-errors.ts'
import { withoutIdentityHeaders } from '../../src/plugins/proxy.ts'

describe('withoutIdentityHeaders', () => {
  it('strips every client-sent x-user-* header, whatever its case', () => {
    const kept = withoutIdentityHeaders({ 'x-user-id': 'admin', 'X-User-Role': 'admin', accept: 'application/json' })
    expect(kept).toEqual({ accept: 'application/json' })
  })
})

describe('upstreamError', () => {
  it('maps a refused connection to 502', () => {
    const error = Object.assign(new Error('boom'), { cause: { code: 'ECONNREFUSED' } })
    expect(upstreamError('task-service', error)).toMatchObject({ status: 502, message: 'task-service is unreachable' })
  })

  it('maps a timeout to 504', () => {
    const error = Object.assign(new Error('Gateway Timeout'), { statusCode: 504 })
    expect(upstreamError('focus-service', error).status).toBe(504)
  })
})
