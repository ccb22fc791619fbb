import { once } from 'node:events'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import { loadConfig } from '@focushub/shared'
import { closedAddress } from '@focushub/shared/testing'
import { afterEach, describe, expect, it } from 'vitest'
import { buildLoadBalancer, type LoadBalancer } from '../../src/app.ts'
import { configSchema } from '../../src/config.ts'

interface Echo {
  name: string
  body: string
  headers: Record<string, string>
}

const echo = async (response: Response) => (await response.json()) as Echo
const servers: Server[] = []
let lb: LoadBalancer

/** A real upstream on port 0 answering its name and what it received. */
async function upstream(name: string, received: IncomingMessage[] = []) {
  const server = createServer(async (request, res) => {
    received.push(request)
    let body = ''
    for await (const chunk of request) body += chunk
    res.writeHead(200, { 'content-type': 'application/json', connection: 'keep-alive', 'keep-alive': 'timeout=5' })
    res.end(JSON.stringify({ name, body, headers: request.headers }))
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  servers.push(server)
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`
}

async function start(upstreams: string[]) {
  lb = buildLoadBalancer(loadConfig(configSchema, { LB_UPSTREAMS: upstreams.join(','), LOG_LEVEL: 'silent' }))
  lb.server.listen(0, '127.0.0.1')
  await once(lb.server, 'listening')
  return `http://127.0.0.1:${(lb.server.address() as { port: number }).port}`
}

afterEach(async () => {
  await lb?.close()
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))))
})

describe('load balancer against real upstreams', () => {
  it('spreads requests evenly in turn', async () => {
    const base = await start([await upstream('a'), await upstream('b')])
    const names: string[] = []
    for (let i = 0; i < 6; i++) names.push((await echo(await fetch(`${base}/api/v1/x`))).name)
    expect(names).toEqual(['a', 'b', 'a', 'b', 'a', 'b'])
  })

  it('passes bodies, appends X-Forwarded-For and mints a request id', async () => {
    const base = await start([await upstream('a')])
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

  it('sends a GET that could not reach one upstream to the next', async () => {
    const base = await start([`http://${closedAddress}`, await upstream('b')])
    for (let i = 0; i < 4; i++) {
      const response = await fetch(`${base}/api/v1/x`)
      expect(response.status).toBe(200)
      expect((await echo(response)).name).toBe('b')
    }
  })

  it('answers 503 problem+json when no upstream is reachable', async () => {
    const base = await start([`http://${closedAddress}`])
    const response = await fetch(`${base}/api/v1/x`, { headers: { 'x-request-id': 'trace-me' } })
    expect(response.status).toBe(503)
    expect(response.headers.get('content-type')).toContain('application/problem+json')
    expect(await response.json()).toMatchObject({ status: 503, requestId: 'trace-me' })
  })

  it('answers its own health and readiness', async () => {
    const base = await start([await upstream('a'), `http://${closedAddress}`])
    expect((await fetch(`${base}/health`)).status).toBe(200)
    const ready = await fetch(`${base}/ready`)
    expect(ready.status).toBe(200)
    expect(((await ready.json()) as { down: string[] }).down).toEqual([`http://${closedAddress}`])
  })
})
