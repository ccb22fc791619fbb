// The seeded accounts that take part in the traffic, with what the bench must know to act as each:
// a token of its own (so the per-user rate limit counts each apart), a client address of its own
// (so per-IP sign-in limits count each apart, as for real users behind their own addresses), the
// open tasks it may complete, its habits, its running focus session, and where its history begins.
import type { Dispatcher } from 'undici'
import type { BenchConfig } from './config.ts'
import type { Databases } from './databases.ts'
import { emailOf } from './seed.ts'

export interface VirtualUser {
  k: number
  id: string
  email: string
  /**
   * Sent as X-Forwarded-For: the loopback hops behind the edge are trusted proxies, so the stack counts it as
   * the client (NGINX believes it only from NGINX_REAL_IP_FROM: see BENCH_CHAIN_URL in config.ts).
   */
  ip: string
  token: string
  openTasks: string[]
  booleanHabits: string[]
  activeSession: string | null
  /** Manual sessions are logged going back from here, before anything the account already has. */
  manualBefore: number
}

const ipOf = (k: number) => `10.${(k >> 16) & 255}.${(k >> 8) & 255}.${k & 255}`

/** Group rows of (user_id, value) by user. */
function byUser<T>(rows: { user_id: string; value: T }[]) {
  const grouped = new Map<string, T[]>()
  for (const row of rows) grouped.set(row.user_id, [...(grouped.get(row.user_id) ?? []), row.value])
  return grouped
}

export async function loadVirtualUsers(db: Databases, config: BenchConfig, domain: string): Promise<VirtualUser[]> {
  const count = Math.min(config.virtualUsers, config.users)
  const emails = Array.from({ length: count }, (_, i) => emailOf(domain, i + 1))
  const accounts = await db.auth.query<{ id: string; email: string }>(
    'select id, email from users where email = any($1)',
    [emails],
  )
  const ids = accounts.rows.map((row) => row.id)
  const [tasks, habits, active, earliest] = await Promise.all([
    db.tasks.query(
      `select p.owner_id as user_id, t.id as value from tasks t join projects p on p.id = t.project_id
       where p.owner_id = any($1) and t.status in ('todo', 'in_progress')`,
      [ids],
    ),
    db.habits.query(
      `select user_id, id as value from habits where user_id = any($1) and kind = 'boolean' and archived_at is null`,
      [ids],
    ),
    db.focus.query(
      `select user_id, id as value from focus_sessions where user_id = any($1) and status in ('running', 'paused')`,
      [ids],
    ),
    db.focus.query(
      `select user_id, min(started_at) as value from focus_sessions
       where user_id = any($1) and started_at > now() - interval '6 days'
         and (kind = 'manual' or extract(hour from started_at at time zone 'UTC') not between 5 and 10)
       group by user_id`,
      [ids],
    ),
  ])
  const [openTasks, booleanHabits, running, first] = [tasks, habits, active, earliest].map((r) => byUser(r.rows))
  return accounts.rows.map((row) => {
    const k = Number(/^user(\d+)@/.exec(row.email)?.[1])
    return {
      k,
      id: row.id,
      email: row.email,
      ip: ipOf(k),
      token: '',
      openTasks: (openTasks.get(row.id) ?? []) as string[],
      booleanHabits: (booleanHabits.get(row.id) ?? []) as string[],
      activeSession: ((running.get(row.id) ?? [])[0] as string | undefined) ?? null,
      manualBefore: ((first.get(row.id)?.[0] as Date | undefined) ?? new Date(Date.now() - 60 * 60_000)).getTime(),
    }
  })
}

interface Tokens {
  accessToken: string
  refreshToken: string
}

/**
 * Gives every virtual user a token straight from auth-service, a few at a time: by its refresh token
 * kept from the last run (`sessions`, e-mail → refresh token) when it still works, otherwise by
 * signing in (a bcrypt comparison each: 100 users take ~10 s on a quiet machine). Answers the new
 * refresh tokens to keep for the next run, and how many users had to sign in.
 */
export async function signIn(
  users: VirtualUser[],
  config: BenchConfig,
  http: Dispatcher,
  sessions: Record<string, string>,
  parallel = 4,
) {
  const post = async (path: string, user: VirtualUser, body: object) => {
    const response = await http.request({
      origin: config.urls.auth,
      path,
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': user.ip },
      body: JSON.stringify(body),
    })
    const text = await response.body.text()
    return response.statusCode === 200 ? (JSON.parse(text) as Tokens) : { failed: `${response.statusCode} ${text}` }
  }
  const kept: Record<string, string> = {}
  let signedIn = 0
  const one = async (user: VirtualUser) => {
    const previous = sessions[user.email]
    let tokens = previous ? await post('/auth/refresh', user, { refreshToken: previous }) : undefined
    if (!tokens || 'failed' in tokens) {
      tokens = await post('/auth/login', user, { email: user.email, password: config.password })
      signedIn++
    }
    if ('failed' in tokens) throw new Error(`sign-in of ${user.email}: ${tokens.failed}`)
    user.token = tokens.accessToken
    kept[user.email] = tokens.refreshToken
  }
  const queue = [...users]
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let user = queue.shift(); user; user = queue.shift()) await one(user)
    }),
  )
  return { sessions: kept, signedIn }
}
