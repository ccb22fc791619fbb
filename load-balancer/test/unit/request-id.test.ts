import type { IncomingMessage } from 'node:http'
import { describe, expect, it } from 'vitest'
import { mintRequestId, requestIdFrom } from '../../src/request-id.ts'

const uuidV7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const withHeaders = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage

describe('mintRequestId', () => {
  it('mints distinct UUIDv7s, past many refills of its random pool', () => {
    const ids = Array.from({ length: 5000 }, () => mintRequestId())
    for (const id of ids) expect(id).toMatch(uuidV7)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('starts with the time in milliseconds, so ids sort by time', () => {
    const at = Date.UTC(2026, 10, 22, 8, 0, 0)
    const id = mintRequestId(at)
    expect(Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(at)
    expect(mintRequestId(at) < mintRequestId(at + 1)).toBe(true)
  })
})

describe('requestIdFrom', () => {
  it('keeps a well-formed id from the caller', () => {
    expect(requestIdFrom(withHeaders({ 'x-request-id': 'edge-42:a.b_c' }))).toBe('edge-42:a.b_c')
  })

  it('mints one when the caller sent none or a malformed one', () => {
    expect(requestIdFrom(withHeaders({}))).toMatch(uuidV7)
    expect(requestIdFrom(withHeaders({ 'x-request-id': 'has spaces\n' }))).toMatch(uuidV7)
  })
})
