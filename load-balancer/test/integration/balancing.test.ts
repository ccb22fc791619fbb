import { closedAddress } from '@focushub/shared/testing'
import { afterEach, describe, expect, it } from 'vitest'
import { adminHeaders, closeAll, echo, startBalancer, status, upstream } from './support.ts'

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
    const { base, admin } = await startBalancer([await upstream('a'), `http://${closedAddress}`])
    expect((await fetch(`${base}/health`)).status).toBe(200)
    const ready = await fetch(`${base}/ready`)
    expect(ready.status).toBe(200)
    expect(((await ready.json()) as { down: string[] }).down).toEqual([`http://${closedAddress}`])
    await fetch(`${base}/api/v1/x`)
    const { upstreams, totals } = await status(base)
    expect(upstreams.map((u) => u.state)).toEqual(['up', 'up'])
    expect(totals.requests).toBe(1)
    const answer = await fetch(`${admin}/lb/metrics`, { headers: adminHeaders })
    expect(answer.headers.get('content-type')).toContain('text/plain; version=0.0.4')
    const metrics = await answer.text()
    expect(metrics).toMatch(/^focushub_lb_requests_total\{[^}]*\} 1$/m)
    expect(metrics).toMatch(/^focushub_lb_request_duration_seconds_bucket\{le="\+Inf",[^}]*\} 1$/m)
  })

  it('counts each upstream’s attempts and response times in its registry, which /lb/metrics answers', async () => {
    const [a, b] = [await upstream('a'), await upstream('b')]
    const { lb, base, admin } = await startBalancer([a, b])
    for (let i = 0; i < 3; i++) await echo(await fetch(`${base}/api/v1/x`))
    const requestsOf = async (url: string) => {
      const family = await lb.metrics.getSingleMetric('focushub_lb_upstream_requests_total')?.get()
      return family?.values.find((value) => value.labels.upstream === url)?.value
    }
    expect(await requestsOf(a)).toBe(2)
    expect(await requestsOf(b)).toBe(1)
    const text = await (await fetch(`${admin}/lb/metrics`, { headers: adminHeaders })).text()
    expect(text).toBe(await lb.metrics.metrics())
    expect(text).toMatch(
      new RegExp(`^focushub_lb_upstream_response_seconds_count\\{[^}]*upstream="${a}"[^}]*\\} 2$`, 'm'),
    )
  })

  it('keeps the admin routes off the proxied port', async () => {
    const a = await upstream('a')
    const { base, admin } = await startBalancer([a])
    for (const [method, path] of [
      ['PUT', '/lb/upstreams'],
      ['GET', '/lb/status'],
      ['GET', '/lb/metrics'],
    ]) {
      const body = method === 'PUT' ? 'http://127.0.0.1:1' : undefined
      const proxied = await fetch(`${base}${path}`, { method, body, headers: adminHeaders })
      expect((await echo(proxied)).name).toBe('a')
    }
    const bad = await fetch(`${admin}/lb/upstreams`, { method: 'PUT', body: 'ftp://x', headers: adminHeaders })
    expect(bad.status).toBe(400)
  })

  it('refuses the admin routes without LB_ADMIN_TOKEN, or with another token', async () => {
    const a = await upstream('a')
    const { admin } = await startBalancer([a])
    for (const authorization of [undefined, 'Bearer wrong-token-wrong-token', adminHeaders.authorization.slice(7)]) {
      const headers = authorization ? { authorization } : undefined
      for (const [method, path] of [
        ['PUT', '/lb/upstreams'],
        ['GET', '/lb/status'],
        ['GET', '/lb/metrics'],
        ['GET', '/lb/other'],
      ]) {
        const body = method === 'PUT' ? 'http://127.0.0.1:1' : undefined
        const refused = await fetch(`${admin}${path}`, { method, body, headers })
        expect(refused.status, `${method} ${path} with ${authorization}`).toBe(401)
        expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/)
        expect(refused.headers.get('www-authenticate')).toBe('Bearer')
      }
    }
    expect((await fetch(`${admin}/health`)).status).toBe(200)
    expect((await fetch(`${admin}/lb/status`, { headers: adminHeaders })).status).toBe(200)
  })
})
