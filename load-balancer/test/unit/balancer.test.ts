import { afterEach, describe, expect, it } from 'vitest'
import { Balancer, type EjectionPolicy } from '../../src/balancer.ts'
import { createUpstream, parseUpstreams, type Upstream } from '../../src/upstreams.ts'

const poolOptions = { connections: 1, connectTimeoutMs: 100, responseTimeoutMs: 100, streamIdleTimeoutMs: 100 }
const policy: EjectionPolicy = { afterFailures: 2, baseMs: 1000, maxMs: 8000, maxPercent: 50 }
let upstreams: Upstream[] = []

function balancerOf(list: string, ejection = policy) {
  upstreams = parseUpstreams(list).map((spec) => createUpstream(spec, poolOptions))
  return new Balancer(upstreams, ejection)
}

const names = (balancer: Balancer, count: number, now = 0) =>
  Array.from({ length: count }, () => new URL(balancer.pick(new Set(), now)!.url).hostname).join('')

afterEach(() => Promise.all(upstreams.map((upstream) => upstream.pool.destroy())))

describe('parseUpstreams', () => {
  it('reads URLs with optional weights, by commas or lines, with comments', () => {
    expect(parseUpstreams('http://a:1|2, http://b:1\n# spare\nhttps://c:2/ # tls')).toEqual([
      { url: 'http://a:1', weight: 2 },
      { url: 'http://b:1', weight: 1 },
      { url: 'https://c:2', weight: 1 },
    ])
  })

  it('refuses bad weights, other schemes, duplicates and an empty list', () => {
    expect(() => parseUpstreams('http://a:1|0')).toThrow(/weight/)
    expect(() => parseUpstreams('ftp://a:1')).toThrow(/http/)
    expect(() => parseUpstreams('http://a:1,http://a:1/')).toThrow(/twice/)
    expect(() => parseUpstreams(' # none')).toThrow(/no upstream/)
  })
})

describe('smooth weighted round robin', () => {
  it('takes equal upstreams in turn', () => {
    expect(names(balancerOf('http://a:1,http://b:1,http://c:1'), 6)).toBe('abcabc')
  })

  it('spreads weights smoothly, as NGINX does', () => {
    expect(names(balancerOf('http://a:1|5,http://b:1,http://c:1'), 7)).toBe('aabacaa')
  })

  it('offers each upstream once per request as a fallback', () => {
    const balancer = balancerOf('http://a:1|2,http://b:1,http://c:1')
    const tried = new Set<Upstream>()
    for (let i = 0; i < 3; i++) tried.add(balancer.pick(tried)!)
    expect(tried.size).toBe(3)
    expect(balancer.pick(tried)).toBeUndefined()
  })

  it('skips unhealthy and ejected upstreams, unless none is left', () => {
    const balancer = balancerOf('http://a:1,http://b:1')
    upstreams[0].healthy = false
    expect(names(balancer, 3)).toBe('bbb')
    upstreams[1].ejectedUntil = 10
    expect(names(balancer, 2)).toBe('ab')
  })
})

describe('passive ejection', () => {
  it('ejects after consecutive failures, for longer each time, up to the maximum', () => {
    const balancer = balancerOf('http://a:1,http://b:1')
    const [a] = upstreams
    const spans: number[] = []
    let now = 0
    for (let round = 0; round < 5; round++) {
      balancer.failed(a, now)
      expect(balancer.failed(a, now)).toBe(true)
      spans.push(a.ejectedUntil - now)
      now = a.ejectedUntil
    }
    expect(spans).toEqual([1000, 2000, 4000, 8000, 8000])
  })

  it('forgives after a success and after a quiet spell', () => {
    const balancer = balancerOf('http://a:1,http://b:1')
    const [a] = upstreams
    balancer.failed(a, 0)
    balancer.succeeded(a)
    expect(balancer.failed(a, 0)).toBe(false)
    expect(balancer.failed(a, 0)).toBe(true)
    expect(a.ejectedUntil).toBe(1000)
    balancer.failed(a, 20_000)
    balancer.failed(a, 20_000)
    expect(a.ejectedUntil).toBe(21_000)
  })

  it('never ejects more than the configured share of upstreams', () => {
    const balancer = balancerOf('http://a:1,http://b:1')
    const [a, b] = upstreams
    for (const upstream of [a, a, b, b, b]) balancer.failed(upstream, 0)
    expect(a.ejectedUntil).toBe(1000)
    expect(b.ejectedUntil).toBe(0)
    expect(names(balancer, 2)).toBe('bb')
  })
})
