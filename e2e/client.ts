import { randomInt, randomUUID } from 'node:crypto'
import type { Role } from '@focushub/shared/auth'
import { createDatabase } from '@focushub/shared/db'
import { sql } from 'kysely'
import { edgeUrl, processes } from './stack.ts'

/** A client of the running stack, as curl or the web app calls it: through NGINX. */

export const api = `${edgeUrl}/api/v1`
export const password = 'correct horse battery'

// biome-ignore lint/suspicious/noExplicitAny: a test reads whatever JSON the answer holds
export interface Answer<T = any> {
  status: number
  headers: Headers
  body: T
}

/** One request; the body is parsed when it is JSON (problem+json too), else kept as text. */
// biome-ignore lint/suspicious/noExplicitAny: as Answer
export async function send<T = any>(
  method: string,
  path: string,
  options: { body?: unknown; authorization?: string; headers?: Record<string, string>; base?: string } = {},
): Promise<Answer<T>> {
  const response = await fetch(`${options.base ?? api}${path}`, {
    method,
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.authorization ? { authorization: options.authorization } : {}),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  })
  const text = await response.text()
  const json = (response.headers.get('content-type') ?? '').includes('json') && text
  return { status: response.status, headers: response.headers, body: json ? JSON.parse(text) : text }
}

export interface SignedUp {
  userId: string
  email: string
  password: string
  accessToken: string
  refreshToken: string
  authorization: string
}

/**
 * send(), asking again (at most twice) after a 503 once its Retry-After has passed, as a client should:
 * sign-in and sign-up fail closed with a 503 when Redis does not answer within its command timeout,
 * which a machine saturated by the whole suite can briefly cause.
 */
async function sendHonouringRetryAfter(...[method, path, options]: Parameters<typeof send>) {
  for (let retries = 2; ; retries--) {
    const answer = await send(method, path, options)
    if (answer.status !== 503 || retries === 0) return answer
    const seconds = Number(answer.headers.get('retry-after') ?? 1)
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000))
  }
}

/** An address of the benchmarking range (198.18.0.0/15, RFC 2544): never a real client. */
export const someClientAddress = () => `198.${18 + randomInt(2)}.${randomInt(256)}.${randomInt(256)}`

/**
 * A new account, signed in. It is created and signed in at auth-service itself, as the gateway
 * would forward it (a loopback hop is a trusted proxy), for a client address of its own: every test
 * runs from 127.0.0.1, and the per-client sign-up and sign-in budgets would otherwise make the suite
 * wait. What a test examines it then calls through NGINX with that token.
 */
export async function signUp(
  profile: { timezone?: string; dayStartHour?: number; displayName?: string; email?: string } = {},
) {
  const base = processes['auth-service']
  const headers = { 'x-forwarded-for': someClientAddress() }
  const email = profile.email ?? `e2e-${randomUUID()}@example.com`
  const registered = await sendHonouringRetryAfter('POST', '/auth/register', {
    base,
    headers,
    body: {
      email,
      password,
      displayName: profile.displayName ?? 'E2E',
      timezone: profile.timezone ?? 'UTC',
      ...(profile.dayStartHour === undefined ? {} : { dayStartHour: profile.dayStartHour }),
    },
  })
  if (registered.status !== 201)
    throw new Error(`register answered ${registered.status}: ${JSON.stringify(registered.body)}`)
  return signIn({ userId: registered.body.user.id as string, email, password })
}

/** A new sign-in of an existing account (one whose role just changed carries the new role), as signUp's. */
export async function signIn(user: Pick<SignedUp, 'userId' | 'email' | 'password'>): Promise<SignedUp> {
  const headers = { 'x-forwarded-for': someClientAddress() }
  const login = await sendHonouringRetryAfter('POST', '/auth/login', {
    base: processes['auth-service'],
    headers,
    body: { email: user.email, password: user.password },
  })
  if (login.status !== 200) throw new Error(`login answered ${login.status}: ${JSON.stringify(login.body)}`)
  const { accessToken, refreshToken } = login.body as { accessToken: string; refreshToken: string }
  return { ...user, accessToken, refreshToken, authorization: `Bearer ${accessToken}` }
}

/**
 * The stack has no admin or moderator (ADMIN_EMAIL is empty by default): a test gives a role in
 * auth-service's own database, as an operator would, signs the user in again for a token that carries it
 * (signIn), and puts the role back when it ends.
 */
export async function setRole(userIds: string[], role: Role) {
  const db = createDatabase<unknown>({
    url: process.env.AUTH_DATABASE_URL ?? 'postgres://focushub_auth:focushub_auth_dev@127.0.0.1:5432/focushub_auth',
    poolMax: 1,
  })
  try {
    await sql`update users set role = ${role}, version = version + 1 where id = any(${userIds}::uuid[])`.execute(db)
  } finally {
    await db.destroy()
  }
}

/** Asks until `accept` holds, within a bounded deadline; fails with the last answer seen. */
export async function eventually<T>(ask: () => Promise<T>, accept: (answer: T) => boolean, ms = 20_000): Promise<T> {
  const giveUpAt = Date.now() + ms
  for (;;) {
    const answer = await ask()
    if (accept(answer)) return answer
    if (Date.now() > giveUpAt) throw new Error(`not there within ${ms} ms; last answer: ${JSON.stringify(answer)}`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

/** A project of `owner` that `member` has joined with `role`, by invitation and acceptance. */
export async function sharedProject(owner: SignedUp, member: SignedUp, role: 'editor' | 'viewer' = 'editor') {
  const project = await send('POST', '/projects', { authorization: owner.authorization, body: { name: 'Shared' } })
  if (project.status !== 201) throw new Error(`project answered ${project.status}`)
  const invited = await send('POST', `/projects/${project.body.id}/invitations`, {
    authorization: owner.authorization,
    body: { email: member.email, role },
  })
  if (invited.status !== 202) throw new Error(`invitation answered ${invited.status}`)
  const pending = await send('GET', '/invitations', { authorization: member.authorization })
  const invitation = pending.body.items.find((item: { projectId: string }) => item.projectId === project.body.id)
  const accepted = await send('POST', `/invitations/${invitation.id}/accept`, { authorization: member.authorization })
  if (accepted.status !== 200) throw new Error(`accept answered ${accepted.status}`)
  return project.body as { id: string }
}
