import { once } from 'node:events'
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { loadConfig } from '@focushub/shared/config'
import { buildLoadBalancer, type LoadBalancer } from '../../src/app.ts'
import { configSchema } from '../../src/config.ts'

export interface Echo {
  name: string
  body: string
  headers: Record<string, string>
}

export const echo = async (response: Response) => (await response.json()) as Echo
export const urlOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`
export const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const servers: Server[] = []
const balancers: LoadBalancer[] = []
/** Each test balancer's admin listener, by its public URL. */
const adminOf = new Map<string, string>()

/** What the admin routes require: LB_ADMIN_TOKEN's default as a bearer token. */
export const adminHeaders = { authorization: `Bearer ${loadConfig(configSchema, {}).LB_ADMIN_TOKEN}` }

export async function listen(server: Server) {
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  servers.push(server)
  return urlOf(server)
}

/** A real upstream on port 0; `handler` may answer itself, otherwise it echoes its name and what it read. */
export async function upstream(
  name: string,
  handler?: (request: IncomingMessage, res: ServerResponse, body: string) => boolean | undefined,
  received: IncomingMessage[] = [],
) {
  const listener: RequestListener = async (request, res) => {
    received.push(request)
    let body = ''
    for await (const chunk of request) body += chunk
    if (handler?.(request, res, body)) return
    res.writeHead(200, { 'content-type': 'application/json', connection: 'keep-alive', 'keep-alive': 'timeout=5' })
    res.end(JSON.stringify({ name, body, headers: request.headers }))
  }
  return listen(createServer(listener))
}

/** An in-process balancer on port 0 (and its admin listener), with fast checks unless `env` says otherwise. */
export async function startBalancer(upstreams: string[], env: Record<string, string> = {}) {
  const lb = buildLoadBalancer(
    loadConfig(configSchema, {
      LB_UPSTREAMS: upstreams.join(','),
      LOG_LEVEL: 'silent',
      LB_HEALTH_INTERVAL_MS: '60000',
      ...env,
    }),
  )
  balancers.push(lb)
  lb.server.listen(0, '127.0.0.1')
  lb.adminServer.listen(0, '127.0.0.1')
  await Promise.all([once(lb.server, 'listening'), once(lb.adminServer, 'listening')])
  const [base, admin] = [urlOf(lb.server), urlOf(lb.adminServer)]
  adminOf.set(base, admin)
  return { lb, base, admin }
}

export async function closeAll() {
  await Promise.all(balancers.splice(0).map((lb) => lb.close()))
  await Promise.all(
    servers.splice(0).map((server) => {
      server.closeAllConnections()
      return new Promise((resolve) => server.close(resolve))
    }),
  )
}

/** The status document of the balancer listening at `base`, from its admin listener. */
export async function status(base: string) {
  return (await (await fetch(`${adminOf.get(base)}/lb/status`, { headers: adminHeaders })).json()) as {
    upstreams: { url: string; state: string; requests: number; inFlight: number }[]
    totals: { requests: number; retries: number; retriesDenied: number; clientAborts: number }
  }
}
