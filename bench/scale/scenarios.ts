import { powerUser, seededId, typicalUser, userIdOf } from './seed.ts'

export type ServiceName = 'tasks' | 'focus' | 'habits' | 'notifications'
type Who = 'typical' | 'power'

export interface Scenario {
  service: ServiceName
  name: string
  /** The request's path for this user; may read pages first (to start deep in a list). */
  path: (target: { url: string; authorization: string; who: Who }) => Promise<string>
  /** GET when left out; a PUT repeats the same body, so every request finds what the first left. */
  method?: 'PUT'
  body?: unknown
  /** An internal route: asked with notification-service's credential, about the user (the path names them). */
  caller?: 'notification-service'
}

/** The cursor `pages` pages of 200 into a list, to measure a page deep in it (none if it ends before). */
async function deepCursor(url: string, authorization: string, path: string, pages: number) {
  let cursor: string | null = null
  for (let page = 0; page < pages; page++) {
    const separator = path.includes('?') ? '&' : '?'
    const response = await fetch(`${url}${path}${separator}limit=200${cursor ? `&cursor=${cursor}` : ''}`, {
      headers: { authorization },
    })
    const body = (await response.json()) as { nextCursor: string | null }
    if (!body.nextCursor) break
    cursor = body.nextCursor
  }
  return cursor ? `&cursor=${cursor}` : ''
}

/** One of the user's projects: the power user's first own project, the typical user's Inbox. */
const projectOf = (who: Who) => seededId(who === 'power' ? 'own 1' : 'inbox 20')

const fixed = (
  service: ServiceName,
  name: string,
  path: string | ((who: Who) => string),
  options: Pick<Scenario, 'method' | 'body' | 'caller'> = {},
): Scenario => ({
  service,
  name,
  path: async ({ who }) => (typeof path === 'string' ? path : path(who)),
  ...options,
})

/** The agenda's internal routes: about the user, asked as notification-service asks. */
const internal = (service: ServiceName, name: string, path: (userId: string) => string) =>
  fixed(service, name, (who) => path(userIdOf(who === 'power' ? powerUser : typicalUser)), {
    caller: 'notification-service',
  })

/** The settings as seeded for both users (quiet hours, achievements by e-mail): a PUT that changes nothing. */
const seededSettings = {
  muted: false,
  quietHours: { start: '22:00', end: '07:00' },
  kinds: { achievement_unlocked: { inApp: true, email: true } },
}

const taskSorts = ['created', '-created', 'due', 'priority', 'position'].map((sort) =>
  fixed('tasks', `GET /tasks sort=${sort}`, `/tasks?limit=20&sort=${sort}`),
)

export const scenarios: Scenario[] = [
  ...taskSorts,
  fixed('tasks', 'GET /tasks status=todo,in_progress', '/tasks?limit=20&status=todo&status=in_progress'),
  fixed('tasks', 'GET /tasks sort=due projectId', (who) => `/tasks?limit=20&sort=due&projectId=${projectOf(who)}`),
  {
    service: 'tasks',
    name: 'GET /tasks sort=priority, 5 pages of 200 in',
    path: async ({ url, authorization }) =>
      `/tasks?limit=20&sort=priority${await deepCursor(url, authorization, '/tasks?sort=priority', 5)}`,
  },
  fixed('tasks', 'GET /projects', '/projects?limit=20'),
  fixed('tasks', 'GET /labels', '/labels?limit=20'),
  fixed('tasks', 'GET /projects/{id}/members', (who) => `/projects/${projectOf(who)}/members?limit=20`),
  fixed('tasks', 'GET /projects/{id}/invitations', (who) => `/projects/${projectOf(who)}/invitations?limit=20`),
  fixed('tasks', 'GET /invitations', '/invitations?limit=20'),
  fixed('focus', 'GET /focus/sessions', '/focus/sessions?limit=20'),
  {
    service: 'focus',
    name: 'GET /focus/sessions, 5 pages of 200 in',
    path: async ({ url, authorization }) =>
      `/focus/sessions?limit=20${await deepCursor(url, authorization, '/focus/sessions', 5)}`,
  },
  fixed(
    'focus',
    'GET /focus/sessions from/to (a month)',
    '/focus/sessions?limit=20&from=2024-06-01T00:00:00Z&to=2024-07-01T00:00:00Z',
  ),
  fixed('focus', 'GET /focus/sessions/shared', '/focus/sessions/shared?limit=20'),
  fixed('habits', 'GET /habits', '/habits?limit=20'),
  fixed('habits', 'GET /achievements', '/achievements?limit=20'),
  fixed('habits', 'GET /rewards', '/rewards'),
  internal('tasks', 'GET /internal/users/{id}/day', (id) => `/internal/users/${id}/day`),
  internal('habits', 'GET /internal/users/{id}/habits-due', (id) => `/internal/users/${id}/habits-due`),
  internal('focus', 'GET /internal/users/{id}/focus-day', (id) => `/internal/users/${id}/focus-day?date=2024-06-03`),
  fixed('notifications', 'GET /notifications', '/notifications?limit=20'),
  fixed('notifications', 'GET /notifications order=unread', '/notifications?limit=20&order=unread'),
  fixed('notifications', 'GET /notifications unread=true', '/notifications?limit=20&unread=true'),
  fixed('notifications', 'GET /notifications unread=false', '/notifications?limit=20&unread=false'),
  {
    service: 'notifications',
    name: 'GET /notifications, 5 pages of 200 in',
    path: async ({ url, authorization }) =>
      `/notifications?limit=20${await deepCursor(url, authorization, '/notifications', 5)}`,
  },
  {
    service: 'notifications',
    name: 'GET /notifications order=unread, past the unread',
    // The power user's 100,000 unread ones are 500 pages: the cursor that crosses into the read ones.
    path: async ({ url, authorization, who }) =>
      `/notifications?limit=20&order=unread${await deepCursor(url, authorization, '/notifications?order=unread', who === 'power' ? 500 : 0)}`,
  },
  fixed('notifications', 'GET /notifications/unread-count', '/notifications/unread-count'),
  fixed('notifications', 'GET /notification-settings', '/notification-settings'),
  fixed('notifications', 'PUT /notification-settings', '/notification-settings', {
    method: 'PUT',
    body: seededSettings,
  }),
]
