import { describe, expect, it } from 'vitest'
import { upstreamError } from '../../src/modules/upstream/upstream-errors.ts'
import { retryDelay, withoutIdentityHeaders } from '../../src/plugins/proxy.ts'

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

describe('retryDelay', () => {
  const get = { method: 'GET', headers: {} }
  const keyedPost = { method: 'POST', headers: { 'idempotency-key': 'k-1' } }
  const post = { method: 'POST', headers: {} }
  const dropped = (code: string) => Object.assign(new Error(code), { code })

  it('sends a GET again after the connection was closed, reset or broken, at most twice', () => {
    for (const code of ['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']) {
      expect(retryDelay({ req: get, err: dropped(code), attempt: 0 })).toBe(10)
    }
    expect(retryDelay({ req: get, err: dropped('UND_ERR_SOCKET'), attempt: 1 })).toBe(10)
    expect(retryDelay({ req: get, err: dropped('UND_ERR_SOCKET'), attempt: 2 })).toBeNull()
  })

  it('sends a call carrying Idempotency-Key again as it would a GET, whatever its method', () => {
    expect(retryDelay({ req: keyedPost, err: dropped('ECONNRESET'), attempt: 0 })).toBe(10)
    expect(retryDelay({ req: { ...keyedPost, method: 'PATCH' }, err: dropped('UND_ERR_SOCKET'), attempt: 0 })).toBe(10)
    expect(retryDelay({ req: keyedPost, res: { statusCode: 503, headers: {} }, attempt: 0 })).toBe(10)
    expect(retryDelay({ req: keyedPost, err: dropped('UND_ERR_SOCKET'), attempt: 2 })).toBeNull()
  })

  it('never sends a POST without a key again', () => {
    expect(retryDelay({ req: post, err: dropped('UND_ERR_SOCKET'), attempt: 0 })).toBeNull()
    expect(retryDelay({ req: post, res: { statusCode: 503, headers: {} }, attempt: 0 })).toBeNull()
  })

  it("asks again after a draining replica's bare 503, not after a service's own 503 with Retry-After", () => {
    expect(retryDelay({ req: get, res: { statusCode: 503, headers: {} }, attempt: 0 })).toBe(10)
    expect(retryDelay({ req: get, res: { statusCode: 503, headers: { 'retry-after': '5' } }, attempt: 0 })).toBeNull()
  })

  it('leaves any other failure to the client: refused, timed out, a 502', () => {
    expect(retryDelay({ req: keyedPost, err: dropped('ECONNREFUSED'), attempt: 0 })).toBeNull()
    expect(retryDelay({ req: get, err: dropped('UND_ERR_HEADERS_TIMEOUT'), attempt: 0 })).toBeNull()
    expect(retryDelay({ req: get, res: { statusCode: 502, headers: {} }, attempt: 0 })).toBeNull()
  })
})
