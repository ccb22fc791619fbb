import { closedAddress } from '@focushub/shared/testing'
import { afterEach, describe, expect, it } from 'vitest'
import { closeAll, echo, startBalancer, status, upstream } from './support.ts'

afterEach(closeAll)

const namesOf = async (base: string, count: number) => {
  const names: string[] = []
  for (let i = 0; i < count; i++) names.push((await echo(await fetch(`${base}/api/v1/x`))).name)
  return names.join('')
}

describe('load balancer against real upstreams', () => {
  it('spreads requests evenly in turn', async () => {
    const { base } = await startBalancer([await upstream('a'), await upstream('b')])
    expect(await namesOf(base, 6)).toBe('ababab')
  })

  it('follows weights, smoothly', async () => {
    const { base } = await startBalancer([`${await upstream('a')}|2`, await upstream('b')])
    expect(await namesOf(base, 6)).toBe('abaaba')
  })

  it('passes bodies, appends X-Forwarded-For and mints a request id', async () => {
    const { base } = await startBalancer([await upstream('a')])
    const response = await fetch(`${base}/api/v1/tasks`, {
      method: 'POST',
      body: '{"title":"write tests"}',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.7' },
    })
    const echoed = await echo(response)
    expect(echoed.body).toBe('{"title":"write tests"}')
    expect(echoed.headers['x-forwarded-for']).toBe('203.0.113.7, 127.0.0.1')
    expect(echoed.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
    expect(response.headers.get('keep-alive')).not.toBe('timeout=5')
  })

  it('answers 503 problem+json when no upstream is reachable', async () => {
    const { base } = await startBalancer([`http://${closedAddress}`])
    const response = await fetch(`${base}/api/v1/x`, { headers: { 'x-request-id': 'trace-me' } })
    expect(response.status).toBe(503)
    expect(response.headers.get('content-type')).toContain('application/problem+json')
    expect(await response.json()).toMatchObject({ status: 503, requestId: 'trace-me' })
  })

  it('answers its own health, readiness, status and metrics', async () => {
    const { base } = await startBalancer([await upstream('a'), `http://${closedAddress}`])
    expect((await fetch(`${base}/health`)).status).toBe(200)
    const ready = await fetch(`${base}/ready`)
    expect(ready.status).toBe(200)
    expect(((await ready.json()) as { down: string[] }).down).toEqual([`http://${closedAddress}`])
    await fetch(`${base}/api/v1/x`)
    const { upstreams, totals } = await status(base)
    expect(upstreams.map((u) => u.state)).toEqual(['up', 'up'])
    expect(totals.requests).toBe(1)
    const metrics = await (await fetch(`${base}/lb/metrics`)).text()
    expect(metrics).toContain('focushub_lb_requests_total 1')
    expect(metrics).toMatch(/focushub_lb_request_duration_seconds_bucket\{le="\+Inf"\} 1/)
  })

  it('keeps the admin route off the proxied port', async () => {
    const a = await upstream('a')
    const { base, admin } = await startBalancer([a])
    const put = await fetch(`${base}/lb/upstreams`, { method: 'PUT', body: 'http://127.0.0.1:1' })
    expect((await echo(put)).name).toBe('a')
    const bad = await fetch(`${admin}/lb/upstreams`, { method: 'PUT', body: 'ftp://x' })
    expect(bad.status).toBe(400)
  })
})
