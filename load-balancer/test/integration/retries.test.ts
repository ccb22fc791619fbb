import type { IncomingMessage, ServerResponse } from 'node:http'
import { closedAddress } from '@focushub/shared/testing'
import { afterEach, describe, expect, it } from 'vitest'
import { closeAll, echo, startBalancer, status, upstream } from './support.ts'

afterEach(closeAll)

/** Reads the whole request, then drops the connection without answering: the request was sent. */
const resetAfterReading = (_request: IncomingMessage, res: ServerResponse) => {
  res.socket?.destroy()
  return true
}
const answer503 = (_request: IncomingMessage, res: ServerResponse) => {
  res.writeHead(503, { 'content-type': 'text/plain' }).end('busy')
  return true
}

const noEjection = { LB_EJECT_AFTER_FAILURES: '1000' }

describe('retries', () => {
  it('sends a POST that never reached an upstream to the next, body intact', async () => {
    const { base } = await startBalancer([`http://${closedAddress}`, await upstream('b')])
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${base}/tasks`, { method: 'POST', body: `{"n":${i}}` })
      expect(response.status).toBe(200)
      expect(await echo(response)).toMatchObject({ name: 'b', body: `{"n":${i}}` })
    }
  })

  it('never sends a POST again once an upstream received it', async () => {
    const bReceived: IncomingMessage[] = []
    const { base } = await startBalancer(
      [await upstream('a', resetAfterReading), await upstream('b', undefined, bReceived)],
      noEjection,
    )
    const response = await fetch(`${base}/tasks`, { method: 'POST', body: '{"title":"once"}' })
    expect(response.status).toBe(502)
    expect(bReceived).toHaveLength(0)
  })

  it('sends a POST again when it carries an Idempotency-Key', async () => {
    const { base } = await startBalancer([await upstream('a', resetAfterReading), await upstream('b')], noEjection)
    const response = await fetch(`${base}/tasks`, {
      method: 'POST',
      body: '{"title":"twice is fine"}',
      headers: { 'idempotency-key': 'k-1' },
    })
    expect(response.status).toBe(200)
    expect(await echo(response)).toMatchObject({ name: 'b', body: '{"title":"twice is fine"}' })
  })

  it('retries idempotent methods once on 503 or a reset after sending', async () => {
    const { base } = await startBalancer([await upstream('a', answer503), await upstream('b')], noEjection)
    for (const method of ['GET', 'DELETE']) {
      const response = await fetch(`${base}/x`, { method })
      expect(response.status).toBe(200)
      expect((await echo(response)).name).toBe('b')
    }
    const { base: other } = await startBalancer(
      [await upstream('a', resetAfterReading), await upstream('b')],
      noEjection,
    )
    const put = await fetch(`${other}/x`, { method: 'PUT', body: 'v=1' })
    expect(await echo(put)).toMatchObject({ name: 'b', body: 'v=1' })
    const { base: third } = await startBalancer(
      [await upstream('a', resetAfterReading), await upstream('b')],
      noEjection,
    )
    const patch = await fetch(`${third}/x`, { method: 'PATCH', body: 'v=2' })
    expect(patch.status).toBe(502)
  })

  it('retries only once: the second 503 goes back to the client', async () => {
    const { base } = await startBalancer(
      [await upstream('a', answer503), await upstream('b', answer503), await upstream('c', answer503)],
      noEjection,
    )
    const response = await fetch(`${base}/x`)
    expect(response.status).toBe(503)
    expect(await response.text()).toBe('busy')
    const { upstreams } = await status(base)
    expect(upstreams.reduce((sum, u) => sum + u.requests, 0)).toBe(2)
  })

  it('stops retrying when the budget is spent', async () => {
    const { base } = await startBalancer([await upstream('a', answer503), await upstream('b')], {
      ...noEjection,
      LB_RETRY_BUDGET_PERCENT: '20',
      LB_RETRY_BUDGET_MIN: '0',
    })
    const statuses: number[] = []
    for (let i = 0; i < 40; i++) statuses.push((await fetch(`${base}/x`)).status)
    const { totals } = await status(base)
    expect(totals.retries).toBeGreaterThan(0)
    expect(totals.retries).toBeLessThanOrEqual(0.2 * totals.requests)
    expect(totals.retriesDenied).toBe(20 - totals.retries)
    expect(statuses.filter((s) => s === 503)).toHaveLength(totals.retriesDenied)
  })
  it('retries every GET an upstream held when it died, on a quiet balancer, with the default budget', async () => {
    const held: ServerResponse[] = []
    const dying = await upstream('a', (_request, res) => {
      held.push(res)
      // Dies with all its requests in flight, as under SIGKILL.
      if (held.length === 15) for (const r of held) r.socket?.destroy()
      return true
    })
    const { base } = await startBalancer([dying, await upstream('b')], noEjection)
    const statuses = await Promise.all(Array.from({ length: 30 }, () => fetch(`${base}/x`).then((r) => r.status)))
    expect(statuses.filter((s) => s !== 200)).toEqual([])
    const { totals } = await status(base)
    expect(totals.retries).toBe(15)
    expect(totals.retriesDenied).toBe(0)
  })
})
