import { randomUUID } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { api, eventually, send, signUp } from './client.ts'
import { edgeUrl } from './stack.ts'

/** One request exactly as spelled: fetch would resolve dot segments and drop a fragment first. */
function raw(method: string, path: string, headers: Record<string, string>, body?: string) {
  return new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
    const { hostname, port } = new URL(edgeUrl)
    request({ hostname, port, path, method, headers }, (response) => {
      let text = ''
      response.on('data', (chunk) => (text += chunk))
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, type: response.headers['content-type'] ?? '', body: text }),
      )
    })
      .on('error', reject)
      .end(body)
  })
}

const remaining = (response: Response) => Number(response.headers.get('ratelimit-remaining'))

describe('one spelling per route (issue #19, item 4)', () => {
  it('refuses other spellings of a credential route as problem+json and never answers them with tokens', async () => {
    const user = await signUp()
    const body = JSON.stringify({ email: user.email, password: user.password })
    // 400 non-canonical-path; a spelling that matches no gateway route at all is a 404 there.
    const spellings: Array<[string, number]> = [
      ['/api/v1/auth/%6cogin', 400],
      ['/api/v1/auth/login/', 400],
      ['/api/v1//auth/login', 404],
      ['/api/v1/auth/./login', 400],
      ['/api/v1/auth/x/../login', 400],
      ['/api/v1/auth/login%2F', 400],
      ['/api/v1/auth/login#x', 400],
    ]
    for (const [path, status] of spellings) {
      const answer = await raw(
        'POST',
        path,
        {
          'content-type': 'application/json',
          authorization: user.authorization,
          'idempotency-key': randomUUID(),
        },
        body,
      )
      expect(answer.status, `${path}: ${answer.body}`).toBe(status)
      expect(answer.type).toContain('application/problem+json')
      expect(answer.body).not.toContain('accessToken')
    }
    // Paths are case-sensitive at every hop: another case is no route, never a sign-in.
    const upper = await raw(
      'POST',
      '/api/v1/auth/LOGIN',
      {
        'content-type': 'application/json',
        authorization: user.authorization,
      },
      body,
    )
    expect(upper.status).toBe(404)
  })
})

describe('the client address (issue #19, item 8)', () => {
  it('comes from the socket at the edge, not from a client-sent X-Forwarded-For', async () => {
    const jwks = (address: string) =>
      fetch(`${api}/auth/.well-known/jwks.json`, { headers: { 'x-forwarded-for': address } })
    const octet = () => 1 + Math.floor(Math.random() * 250)
    // Two made-up addresses share one budget (this test's own address), so the second has less left.
    await eventually(
      async () => {
        const first = await jwks(`198.51.${octet()}.${octet()}`)
        const second = await jwks(`203.0.${octet()}.${octet()}`)
        return { first: remaining(first), second: remaining(second) }
      },
      ({ first, second }) => second < first,
      5000,
    )
  })
})

interface PublicHealth {
  status: string
  checkedAt: string
  gateway: { status: string; instance: string }
  services: Record<string, { status: string }>
}

const internalAddress = /127\.0\.0\.1|localhost|::1|https?:\/\/|:\d{4}\b/

describe('public health (issue #19, item 7)', () => {
  it('answers /health from a view refreshed every few seconds, counted against the client, naming no internal address', async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, () => fetch(`${edgeUrl}/health`)))
    const views = new Map<string, Set<string>>()
    for (const response of answers) {
      expect(response.status).toBe(200)
      expect(response.headers.get('ratelimit-remaining')).not.toBeNull()
      const text = await response.text()
      expect(text).not.toMatch(internalAddress)
      const body = JSON.parse(text) as PublicHealth
      expect(Date.parse(body.checkedAt)).not.toBeNaN()
      const seen = views.get(body.gateway.instance) ?? new Set()
      views.set(body.gateway.instance, seen.add(body.checkedAt))
    }
    // A burst shorter than the refresh interval sees one view per replica (two if it straddles a refresh).
    for (const seen of views.values()) expect(seen.size).toBeLessThanOrEqual(2)
  })

  it('answers /ready at the edge without the balancer’s upstream addresses', async () => {
    const response = await fetch(`${edgeUrl}/ready`)
    expect(response.status).toBe(200)
    expect(await response.text()).not.toMatch(internalAddress)
  })
})

const logDir = join(process.env.FOCUSHUB_STATE_DIR ?? join(import.meta.dirname, '..', '.focushub'), 'logs')
/** The logs of the named processes, or of every replica of a named component (focus-service-1.log, …). */
const logOf = (...names: string[]) =>
  readdirSync(logDir)
    .filter((file) => names.some((name) => file === `${name}.log` || new RegExp(`^${name}-\\d+\\.log$`).test(file)))
    .map((file) => readFileSync(join(logDir, file), 'utf8'))
    .join('')

describe('public-link tokens in logs (issue #19, item 9)', () => {
  it('are redacted from the access lines of NGINX, the balancer, the gateway and focus-service', async () => {
    const owner = await signUp()
    const now = Date.now()
    const session = await send('POST', '/focus/sessions/manual', {
      authorization: owner.authorization,
      body: { startedAt: new Date(now - 30 * 60_000).toISOString(), endedAt: new Date(now - 60_000).toISOString() },
    })
    expect(session.status).toBe(201)
    const link = await send('POST', `/focus/sessions/${session.body.id}/links`, {
      authorization: owner.authorization,
      body: {},
    })
    expect(link.status).toBe(201)
    const token = link.body.token as string
    const requestId = `e2e-public-link-${randomUUID()}`
    const shown = await send('GET', `/focus/public/${token}`, { headers: { 'x-request-id': requestId } })
    expect(shown.status).toBe(200)
    // The same token, spelled otherwise, is refused, and not logged either.
    const respelled = await raw('GET', `/api/v1/focus/%70ublic/${token}`, { 'x-request-id': `${requestId}-2` })
    expect(respelled.status).toBe(400)

    const hops = [['nginx-access'], ['load-balancer'], ['gateway'], ['focus-service']]
    for (const names of hops) {
      // focus-service never sees the refused spelling; every hop before it logs both requests.
      const ids = names[0] === 'focus-service' ? [requestId] : [requestId, `${requestId}-2`]
      const text = await eventually(
        async () => logOf(...names),
        (log) => ids.every((id) => log.includes(id)),
        5000,
      )
      expect(text, names.join(', ')).not.toContain(token)
    }
  })
})
