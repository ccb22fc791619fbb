import type { ScopeArea } from '@focushub/shared/auth'
import type { Config } from './config.ts'

export type ServiceName =
  | 'auth-service'
  | 'task-service'
  | 'focus-service'
  | 'habit-service'
  | 'notification-service'
  | 'social-service'

export function serviceUrls(config: Config): Record<ServiceName, string> {
  return {
    'auth-service': config.AUTH_SERVICE_URL,
    'task-service': config.TASK_SERVICE_URL,
    'focus-service': config.FOCUS_SERVICE_URL,
    'habit-service': config.HABIT_SERVICE_URL,
    'notification-service': config.NOTIFICATION_SERVICE_URL,
    'social-service': config.SOCIAL_SERVICE_URL,
  }
}

export const apiPrefix = '/api/v1'

/** Public path prefixes (under /api/v1) and the service that owns each. */
export const publicRoutes: ReadonlyArray<{ path: string; service: ServiceName }> = [
  { path: '/auth', service: 'auth-service' },
  { path: '/admin', service: 'auth-service' },
  { path: '/projects', service: 'task-service' },
  { path: '/tasks', service: 'task-service' },
  { path: '/labels', service: 'task-service' },
  { path: '/invitations', service: 'task-service' },
  { path: '/imports/todoist', service: 'task-service' },
  { path: '/imports/loop', service: 'habit-service' },
  { path: '/imports/focushub/tasks', service: 'task-service' },
  { path: '/imports/focushub/habits', service: 'habit-service' },
  { path: '/focus', service: 'focus-service' },
  { path: '/habits', service: 'habit-service' },
  { path: '/achievements', service: 'habit-service' },
  { path: '/rewards', service: 'habit-service' },
  { path: '/notifications', service: 'notification-service' },
  { path: '/notification-settings', service: 'notification-service' },
  { path: '/weekly-reviews', service: 'notification-service' },
  { path: '/webhooks', service: 'notification-service' },
  { path: '/exports', service: 'notification-service' },
  { path: '/social', service: 'social-service' },
]

/** Routes that trade credentials for tokens: stricter rate limits, smaller bodies. */
const credentialRoutes = new Set(['POST /auth/register', 'POST /auth/login', 'POST /auth/refresh'])

/**
 * Routes a caller reaches without an access token: the credential routes, logout (its refresh token
 * in the body is its credential, as auth-service itself requires no access token there), the JWKS and
 * the one-click unsubscribe link of e-mails (its signed token, in the query, is its credential).
 * Matched exactly: any other spelling of a path needs a token (fails closed).
 */
const anonymousRoutes = new Set([
  ...credentialRoutes,
  'POST /auth/logout',
  'GET /auth/.well-known/jwks.json',
  'HEAD /auth/.well-known/jwks.json',
  'GET /notifications/unsubscribe',
  'POST /notifications/unsubscribe',
])

/** The service-side path of a public URL: /api/v1/auth/login?x=1 → /auth/login. */
export function servicePathOf(url: string): string {
  const path = url.split('?', 1)[0]
  return path.startsWith(apiPrefix) ? path.slice(apiPrefix.length) : path
}

/**
 * Anonymous routes with a parameter: focus-service's public share link, whose random token is
 * itself the credential. Anchored patterns, so nothing else under /focus escapes the token check.
 */
const anonymousPatterns: ReadonlyArray<RegExp> = [/^GET \/focus\/public\/[A-Za-z0-9_-]{43}$/]

export const isAnonymousRoute = (method: string, url: string) => {
  const route = `${method} ${servicePathOf(url)}`
  return anonymousRoutes.has(route) || anonymousPatterns.some((pattern) => pattern.test(route))
}

export const isCredentialRoute = (method: string, url: string) =>
  credentialRoutes.has(`${method} ${servicePathOf(url)}`)

/** The scope areas of each service's data (shared/src/auth/scopes.ts); the account's own routes are in none. */
const serviceAreas: Record<ServiceName, readonly ScopeArea[]> = {
  'auth-service': [],
  'task-service': ['tasks'],
  'focus-service': ['focus'],
  'habit-service': ['habits'],
  'notification-service': ['notifications'],
  'social-service': ['social'],
}

/** Routes in no area although their service has one: webhooks send, and exports hold, every area's data. */
const arealess = ['/webhooks', '/exports']

/** The gateway's own routes that read several services' data. */
const compositeAreas: Record<string, readonly ScopeArea[]> = { '/dashboard': ['tasks', 'focus', 'habits'] }
/** The calendar feed (its URL's token is traded for an access token of these scopes). */
const calendarAreas: readonly ScopeArea[] = ['tasks', 'focus']

/**
 * The areas a personal access token must cover for a request: its upstream's, or those a composite route
 * reads; none (no such token may) for the account's routes, the live stream and anything unknown.
 */
export function scopeAreasOf(url: string): readonly ScopeArea[] {
  const path = servicePathOf(url)
  const composite = compositeAreas[path] ?? (path.startsWith('/calendar/') ? calendarAreas : undefined)
  if (composite) return composite
  if (arealess.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))) return []
  const route = publicRoutes.find((candidate) => path === candidate.path || path.startsWith(`${candidate.path}/`))
  return route ? serviceAreas[route.service] : []
}
