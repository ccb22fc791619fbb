// What a virtual user does, one scenario per call, the same requests whichever way in (variant) is
// measured. Each answers its outcome: the scenario it turned out to be (a user with a running focus
// session completes it rather than starting another), the HTTP status, and what was wrong with an
// answer that had the right status but not the right content.
import { randomUUID } from 'node:crypto'
import type { Dispatcher } from 'undici'
import type { BenchConfig, ScenarioName } from './config.ts'
import type { Service, Variant } from './variants.ts'
import type { VirtualUser } from './virtual-users.ts'

export interface Outcome {
  scenario: string
  status: number
  /** Set when the status was the expected one but the answer was not. */
  wrong?: string
  /** The start of the answer's body, kept for the report when something went wrong. */
  body?: string
}

interface Answer {
  status: number
  text: string
}

export interface Context {
  http: Dispatcher
  variant: Variant
  config: BenchConfig
  user: VirtualUser
}

async function send(context: Context, service: Service, method: 'GET' | 'POST', path: string, body?: object) {
  const { origin, prefix } = context.variant.targets[service]
  const headers: Record<string, string> = { 'x-forwarded-for': context.user.ip }
  if (context.user.token) headers.authorization = `Bearer ${context.user.token}`
  if (body) headers['content-type'] = 'application/json'
  // A real client makes its writes safe to retry; the services ignore the header, the gateway keeps it.
  if (method === 'POST' && service !== 'auth') headers['idempotency-key'] = randomUUID()
  const response = await context.http.request({
    origin,
    path: prefix + path,
    method,
    headers,
    body: body ? JSON.stringify(body) : undefined,
  })
  return { status: response.statusCode, text: await response.body.text() } satisfies Answer
}

/** The outcome of one answer: `check` reads a body that came with the expected status. */
function outcome(scenario: string, answer: Answer, expected: number, check: (body: never) => string | undefined) {
  const result: Outcome = { scenario, status: answer.status }
  if (answer.status === expected) {
    try {
      result.wrong = check(JSON.parse(answer.text) as never)
    } catch {
      result.wrong = 'body is not JSON'
    }
  }
  if (answer.status !== expected || result.wrong) result.body = answer.text.slice(0, 300)
  return result
}

const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)]
const hasId = (body: { id?: unknown }) => (typeof body.id === 'string' ? undefined : 'no id in the answer')
const hasItems = (body: { items?: unknown }) => (Array.isArray(body.items) ? undefined : 'no items in the answer')

async function login(c: Context) {
  const answer = await send({ ...c, user: { ...c.user, token: '' } }, 'auth', 'POST', '/auth/login', {
    email: c.user.email,
    password: c.config.password,
  })
  return outcome('login', answer, 200, (body: { accessToken?: string }) => {
    if (!body.accessToken) return 'no accessToken in the answer'
    c.user.token = body.accessToken
  })
}

const dashboardCalls: [Service, string][] = [
  ['tasks', '/tasks?dueToday=true&limit=50'],
  ['tasks', '/tasks?overdue=true&limit=50'],
  ['focus', '/focus/goal'],
  ['focus', '/focus/sessions/current'],
  ['habits', '/habits?limit=200'],
  ['habits', '/rewards'],
]

async function dashboard(c: Context) {
  if (!c.variant.hasDashboard) {
    // What the gateway's dashboard asks, asked by the client itself in parallel.
    const answers = await Promise.all(dashboardCalls.map(([service, path]) => send(c, service, 'GET', path)))
    const failed = answers.find((answer) => answer.status !== 200)
    return outcome('dashboard', failed ?? { status: 200, text: '{}' }, 200, () => undefined)
  }
  const answer = await send(c, 'tasks', 'GET', '/dashboard')
  return outcome('dashboard', answer, 200, (body: Record<string, { status: string; reason?: string }>) => {
    const down = Object.entries(body).filter(([, section]) => section.status !== 'ok')
    return down.length ? `sections not ok: ${down.map(([name, s]) => `${name} (${s.reason})`).join(', ')}` : undefined
  })
}

const listTasks = async (c: Context) =>
  outcome(
    'listTasks',
    await send(c, 'tasks', 'GET', '/tasks?status=todo&status=in_progress&sort=due&limit=50'),
    200,
    hasItems,
  )

async function createTask(c: Context) {
  const answer = await send(c, 'tasks', 'POST', '/tasks', { title: 'Write the weekly report', priority: 'medium' })
  return outcome('createTask', answer, 201, (body: { id?: string }) => {
    if (body.id) c.user.openTasks.push(body.id)
    return hasId(body)
  })
}

async function completeTask(c: Context) {
  if (c.user.openTasks.length === 0) return createTask(c)
  const [id] = c.user.openTasks.splice(Math.floor(Math.random() * c.user.openTasks.length), 1)
  return outcome('completeTask', await send(c, 'tasks', 'POST', `/tasks/${id}/complete`, {}), 200, hasId)
}

/** Starts a 25-minute session (on a task half the time), or completes the one running, early. */
async function focusTimer(c: Context) {
  const running = c.user.activeSession
  if (running) {
    c.user.activeSession = null
    return outcome(
      'focusComplete',
      await send(c, 'focus', 'POST', `/focus/sessions/${running}/complete`, {}),
      200,
      hasId,
    )
  }
  const taskId = Math.random() < 0.5 && c.user.openTasks.length ? pick(c.user.openTasks) : undefined
  const answer = await send(c, 'focus', 'POST', '/focus/sessions', { workMinutes: 25, ...(taskId && { taskId }) })
  return outcome('focusStart', answer, 201, (body: { id?: string }) => {
    c.user.activeSession = body.id ?? null
    return hasId(body)
  })
}

/** The seed's sessions start between 06:00 and 10:00 UTC and last 25 minutes: manual ones keep clear of them. */
const seededBand = (instant: number) => {
  const hour = new Date(instant).getUTCHours()
  return hour >= 5 && hour < 11
}

/**
 * Logs a 20-minute session in the past, before every manual session the user already has, clear of
 * the seeded ones and inside the backfill window (FOCUS_BACKFILL_DAYS, 7 by default).
 */
async function focusManual(c: Context) {
  do c.user.manualBefore -= 30 * 60_000
  while (seededBand(c.user.manualBefore) || seededBand(c.user.manualBefore + 20 * 60_000))
  const startedAt = new Date(c.user.manualBefore).toISOString()
  const endedAt = new Date(c.user.manualBefore + 20 * 60_000).toISOString()
  const answer = await send(c, 'focus', 'POST', '/focus/sessions/manual', { startedAt, endedAt, note: 'Reading' })
  return outcome('focusManual', answer, 201, hasId)
}

async function checkIn(c: Context) {
  const habit = pick(c.user.booleanHabits)
  const answer = await send(c, 'habits', 'POST', `/habits/${habit}/check-ins`, { status: 'done' })
  return outcome('checkIn', answer, 200, () => undefined)
}

export const scenarios: Record<ScenarioName, (context: Context) => Promise<Outcome>> = {
  login,
  dashboard,
  listTasks,
  createTask,
  completeTask,
  focusTimer,
  focusManual,
  checkIn,
}

/** Ends every session the bench left running, so the next run starts clean. */
export async function completeRunning(users: VirtualUser[], base: Omit<Context, 'user'>) {
  for (const user of users.filter((u) => u.activeSession)) await focusTimer({ ...base, user })
}
