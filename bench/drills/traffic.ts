// Drill users and the load a drill runs through NGINX while it breaks something.
import { setTimeout as sleep } from 'node:timers/promises'
import { Pool } from 'undici'

export interface DrillUser {
  email: string
  token: string
}

const password = 'drill password 1234'

async function json(url: string, method: string, body?: unknown, token?: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: parsed(text) }
}

/** A body as JSON; one that is not (NGINX's own error pages) keeps its start, so a failure still says what it was. */
function parsed(text: string): Record<string, unknown> {
  try {
    return text ? (JSON.parse(text) as Record<string, unknown>) : {}
  } catch {
    return { text: text.slice(0, 200) }
  }
}

/** A credential call, waiting out the gateway's per-IP budget for them (RATE_LIMIT_AUTH_MAX) when it is spent. */
async function credentialCall(url: string, body: unknown) {
  for (let attempt = 0; ; attempt++) {
    const answer = await json(url, 'POST', body)
    if (answer.status !== 429 || attempt === 5) return answer
    await sleep(Number(answer.retryAfter ?? 10) * 1000)
  }
}

/**
 * The drill's users, signed in. Fixed e-mails: a user is registered only the first time, so repeated
 * drills stay under the sign-up throttle (REGISTER_IP_MAX_ATTEMPTS per hour).
 */
export async function drillUsers(publicUrl: string, count: number): Promise<DrillUser[]> {
  const api = `${publicUrl}/api/v1`
  const users: DrillUser[] = []
  for (let i = 1; i <= count; i++) {
    const email = `drill-${i}@drills.example.com`
    let login = await credentialCall(`${api}/auth/login`, { email, password })
    if (login.status === 401) {
      const register = await credentialCall(`${api}/auth/register`, {
        email,
        password,
        displayName: `Drill ${i}`,
        timezone: 'UTC',
      })
      if (register.status !== 201)
        throw new Error(`register ${email}: ${register.status} ${JSON.stringify(register.body)}`)
      login = await credentialCall(`${api}/auth/login`, { email, password })
    }
    if (login.status !== 200) throw new Error(`login ${email}: ${login.status} ${JSON.stringify(login.body)}`)
    users.push({ email, token: login.body.accessToken as string })
  }
  return users
}

export const api = json

/** Read-only routes of every service, so a GET load reaches each of them. */
export const readPaths = [
  '/api/v1/tasks?limit=20',
  '/api/v1/focus/sessions?limit=20',
  '/api/v1/habits',
  '/api/v1/auth/me',
]

export interface Failure {
  atMs: number
  path: string
  outcome: string
  contentType: string
  ms: number
}

export interface LoadReport {
  sent: number
  ok: number
  failures: Failure[]
  statuses: Record<string, number>
  p50: number
  p99: number
  max: number
}

export interface Load {
  /** Milliseconds since the load started (the time base of Failure.atMs). */
  elapsedMs(): number
  /** Stops sending, waits for the requests in flight and reports. */
  stop(): Promise<LoadReport>
}

/**
 * GET `paths` round robin at `rate` per second (open loop: request i is due at start + i / rate),
 * spread over `users` so that no user exceeds its rate limit. Anything but a 2xx is a failure.
 */
export function startGetLoad(publicUrl: string, users: DrillUser[], rate: number, paths = readPaths): Load {
  const pool = new Pool(publicUrl, { connections: 64, pipelining: 1 })
  const started = performance.now()
  const latencies: number[] = []
  const failures: Failure[] = []
  const statuses: Record<string, number> = {}
  const inFlight = new Set<Promise<void>>()
  let sent = 0
  let ok = 0
  let stopping = false

  const send = async (index: number) => {
    const path = paths[index % paths.length]
    const user = users[Math.floor(index / paths.length) % users.length]
    const due = performance.now()
    let outcome: string
    let contentType = ''
    try {
      const response = await pool.request({
        method: 'GET',
        path,
        headers: { authorization: `Bearer ${user.token}` },
        headersTimeout: 30_000,
        bodyTimeout: 30_000,
      })
      await response.body.dump()
      outcome = String(response.statusCode)
      contentType = String(response.headers['content-type'] ?? '')
    } catch (error) {
      outcome = (error as { code?: string }).code ?? 'error'
    }
    const ms = performance.now() - due
    latencies.push(ms)
    statuses[outcome] = (statuses[outcome] ?? 0) + 1
    if (/^2\d\d$/.test(outcome)) ok++
    else failures.push({ atMs: Math.round(due - started), path, outcome, contentType, ms })
  }

  const loop = (async () => {
    while (!stopping) {
      const due = started + (sent * 1000) / rate
      const wait = due - performance.now()
      if (wait > 0) await sleep(wait)
      if (stopping) break
      const request = send(sent++)
      inFlight.add(request)
      request.finally(() => inFlight.delete(request))
    }
  })()

  return {
    elapsedMs: () => Math.round(performance.now() - started),
    async stop() {
      stopping = true
      await loop
      await Promise.all(inFlight)
      await pool.close()
      const sorted = latencies.sort((a, b) => a - b)
      const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0
      return { sent, ok, failures, statuses, p50: at(50), p99: at(99), max: sorted.at(-1) ?? 0 }
    },
  }
}

/** One line of figures for a load report. */
export function describeLoad(report: LoadReport) {
  return (
    `${report.sent} GET, ${report.ok} ok, ${report.failures.length} failed, statuses ${JSON.stringify(report.statuses)}, ` +
    `p50 ${report.p50.toFixed(1)} ms, p99 ${report.p99.toFixed(1)} ms, max ${report.max.toFixed(0)} ms`
  )
}

/** The failures grouped by what they were, with when they started and ended (ms into the load). */
export function describeFailures(failures: Failure[]) {
  const groups = new Map<string, Failure[]>()
  for (const failure of failures) {
    const key = `${failure.outcome} ${failure.path.split('?')[0]}`
    groups.set(key, [...(groups.get(key) ?? []), failure])
  }
  return [...groups].map(([key, list]) => `  ${list.length} × ${key} (at ${list[0].atMs}–${list.at(-1)?.atMs} ms)`)
}

/** How many users keep `rate` GET/s under the gateway's per-user budget (RATE_LIMIT_MAX per window), with room. */
export function usersFor(rate: number, env: Record<string, string>) {
  const perUserPerSecond = (Number(env.RATE_LIMIT_MAX) / Number(env.RATE_LIMIT_WINDOW_MS)) * 1000 * 0.7
  return Math.max(1, Math.ceil(rate / perUserPerSecond))
}
