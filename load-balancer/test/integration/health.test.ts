import { afterEach, describe, expect, it } from 'vitest'
import { closeAll, echo, startBalancer, status, upstream, wait } from './support.ts'

afterEach(closeAll)

async function until(check: () => Promise<boolean>, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await wait(25)
  }
}

describe('health', () => {
  it('takes an upstream out after failed checks and back after good ones', async () => {
    let aHealthy = true
    const a = await upstream('a', (request, res) => {
      if (request.url !== '/health' || aHealthy) return false
      res.writeHead(500).end()
      return true
    })
    const { base } = await startBalancer([a, await upstream('b')], {
      LB_HEALTH_INTERVAL_MS: '50',
      LB_HEALTH_FALLS: '2',
      LB_HEALTH_RISES: '2',
    })
    aHealthy = false
    await until(async () => (await status(base)).upstreams[0].state === 'down')
    for (let i = 0; i < 4; i++) expect((await echo(await fetch(`${base}/x`))).name).toBe('b')
    aHealthy = true
    await until(async () => (await status(base)).upstreams[0].state === 'up')
    const names = new Set<string>()
    for (let i = 0; i < 4; i++) names.add((await echo(await fetch(`${base}/x`))).name)
    expect(names).toEqual(new Set(['a', 'b']))
  })

  it('ejects an upstream answering 5xx for a while, then lets it back', async () => {
    let aFailing = true
    let aRequests = 0
    const a = await upstream('a', (_request, res) => {
      aRequests++
      if (!aFailing) return false
      res.writeHead(500).end()
      return true
    })
    const { base } = await startBalancer([a, await upstream('b')], {
      LB_EJECT_AFTER_FAILURES: '2',
      LB_EJECT_BASE_MS: '300',
    })
    const statuses: number[] = []
    for (let i = 0; i < 10; i++) statuses.push((await fetch(`${base}/x`)).status)
    expect(aRequests).toBe(2)
    expect(statuses.filter((s) => s === 500)).toHaveLength(2)
    expect((await status(base)).upstreams[0].state).toBe('ejected')
    aFailing = false
    await wait(350)
    const names = new Set<string>()
    for (let i = 0; i < 4; i++) names.add((await echo(await fetch(`${base}/x`))).name)
    expect(names).toEqual(new Set(['a', 'b']))
  })

  it('ejects at most the configured share of upstreams', async () => {
    const failing = (_request: unknown, res: import('node:http').ServerResponse) => {
      res.writeHead(500).end()
      return true
    }
    const { base } = await startBalancer([await upstream('a', failing), await upstream('b', failing)], {
      LB_EJECT_AFTER_FAILURES: '1',
      LB_EJECT_MAX_PERCENT: '50',
    })
    for (let i = 0; i < 6; i++) await fetch(`${base}/x`)
    const states = (await status(base)).upstreams.map((u) => u.state).sort()
    expect(states).toEqual(['ejected', 'up'])
  })
})
