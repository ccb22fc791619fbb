import { afterEach, describe, expect, it } from 'vitest'
import { createUpstream, RoundRobin } from '../../src/upstreams.ts'

let balancer: RoundRobin

afterEach(() => balancer?.close())

describe('RoundRobin', () => {
  it('starts each request at the next upstream and offers the rest as fallbacks', () => {
    balancer = new RoundRobin(['http://a:1', 'http://b:1', 'http://c:1'].map(createUpstream))
    const orders = Array.from({ length: 4 }, () => balancer.order().map((upstream) => upstream.url))
    expect(orders).toEqual([
      ['http://a:1', 'http://b:1', 'http://c:1'],
      ['http://b:1', 'http://c:1', 'http://a:1'],
      ['http://c:1', 'http://a:1', 'http://b:1'],
      ['http://a:1', 'http://b:1', 'http://c:1'],
    ])
  })
})
