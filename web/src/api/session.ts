// The signed-in session. The access token lives in this module's memory only; the refresh token in
// auth-service's cookie mode (auth-service/README.md, "Refresh token in a cookie"): an HttpOnly,
// Secure, SameSite=Strict cookie on /api/v1/auth that no script of the page can read. A refresh at
// start-up tells whether this browser is signed in; another shortly before the access token expires
// keeps it signed in.
import createClient from 'openapi-fetch'
import { ProblemError, unwrap } from './problem.ts'
import type { paths } from './schema'

type Tokens = paths['/api/v1/auth/login']['post']['responses'][200]['content']['application/json']
export type User = Tokens['user']
export type SignUp = paths['/api/v1/auth/register']['post']['requestBody']['content']['application/json']

export type SessionState =
  | { status: 'resuming' }
  | { status: 'signed-out' }
  | { status: 'signed-in'; user: User; accessToken: string }

/** Refresh this long before the access token expires, so no request carries an expired one. */
const refreshMarginSeconds = 60
const cookieMode = { 'x-refresh-token-mode': 'cookie' } as const

const auth = createClient<paths>({ baseUrl: window.location.origin, headers: cookieMode })
const listeners = new Set<() => void>()
let state: SessionState = { status: 'resuming' }
let refreshTimer: ReturnType<typeof setTimeout> | undefined

function set(next: SessionState) {
  state = next
  for (const listener of listeners) listener()
}

function begin(tokens: Tokens) {
  clearTimeout(refreshTimer)
  const delay = Math.max(tokens.expiresIn - refreshMarginSeconds, 5) * 1000
  refreshTimer = setTimeout(() => void refresh(), delay)
  set({ status: 'signed-in', user: tokens.user, accessToken: tokens.accessToken })
}

function end() {
  clearTimeout(refreshTimer)
  set({ status: 'signed-out' })
}

export const session = {
  get: () => state,
  subscribe(listener: () => void) {
    listeners.add(listener)
    return () => void listeners.delete(listener)
  },
  accessToken: () => (state.status === 'signed-in' ? state.accessToken : undefined),
}

export async function signIn(email: string, password: string) {
  begin(unwrap(await auth.POST('/api/v1/auth/login', { body: { email, password } })))
}

export async function signUp(account: SignUp) {
  unwrap(await auth.POST('/api/v1/auth/register', { body: account }))
  await signIn(account.email, account.password)
}

let refreshing: Promise<void> | undefined

/**
 * New tokens for the cookie's refresh token; signed out when there is none or it is spent or
 * revoked. Callers at the same moment share one request.
 */
export function refresh(): Promise<void> {
  refreshing ??= rotate().finally(() => {
    refreshing = undefined
  })
  return refreshing
}

async function rotate(): Promise<void> {
  try {
    begin(unwrap(await auth.POST('/api/v1/auth/refresh', { body: {} })))
  } catch (error) {
    // Another tab rotated the cookie a moment ago; its answer set the new one: ask again with it.
    if (error instanceof ProblemError && error.problem.code === 'refresh-in-progress') {
      await new Promise((resolve) => setTimeout(resolve, 250))
      return rotate()
    }
    // Refused (no cookie, spent or revoked): signed out. Throttled or unavailable: asked again later,
    // the screen (or the session) as it is meanwhile.
    if (error instanceof ProblemError && !retryable(error)) return end()
    const seconds = error instanceof ProblemError ? error.retryAfter : undefined
    clearTimeout(refreshTimer)
    refreshTimer = setTimeout(() => void refresh(), (seconds ?? 5) * 1000)
  }
}

const retryable = (error: ProblemError) => error.problem.status === 429 || error.problem.status >= 500

/**
 * Signed out once the server has ended the sign-in and cleared the cookie, so a reload straight after
 * cannot resume it; signed out here all the same when the server cannot be reached.
 */
export async function signOut() {
  await auth.POST('/api/v1/auth/logout', { body: {} }).catch(() => undefined)
  end()
}

/** Signed out at once, for when the server has ended every sign-in already (a deleted account); the cookie is cleared after. */
export function signedOutByServer() {
  end()
  void auth.POST('/api/v1/auth/logout', { body: {} }).catch(() => undefined)
}

/** Ends every sign-in of the user, this one included (a lost device); signed out here once it has. */
export async function signOutEverywhere() {
  const token = session.accessToken()
  unwrap(await auth.POST('/api/v1/auth/logout-all', { headers: token ? { authorization: `Bearer ${token}` } : {} }))
  end()
}

/** The signed-in user as the API last answered it (a profile change), for the screens that read it. */
export function updateUser(user: User) {
  if (state.status === 'signed-in') set({ ...state, user })
}
