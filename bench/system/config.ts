// Every knob of the system bench, from the environment, with the defaults of a short run (~2.5 min).
// The stack's own addresses and database URLs are read under the names .env.example gives them.

const number = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback)
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name}=${process.env[name]} is not a number ≥ 0`)
  return value
}

const env = (name: string, fallback: string) => process.env[name] || fallback

/** Share of each scenario in a virtual user's day, in percent; BENCH_MIX="dashboard=30,login=0" overrides some. */
const defaultMix = {
  login: 1,
  dashboard: 24,
  listTasks: 24,
  createTask: 12,
  completeTask: 10,
  focusTimer: 12,
  focusManual: 3,
  checkIn: 14,
}

export type ScenarioName = keyof typeof defaultMix

function mixFrom(text: string | undefined): Record<ScenarioName, number> {
  const mix = { ...defaultMix }
  for (const pair of (text ?? '').split(',').filter(Boolean)) {
    const [name, weight] = pair.split('=')
    if (!(name in mix) || !Number.isFinite(Number(weight))) throw new Error(`BENCH_MIX: cannot read "${pair}"`)
    mix[name as ScenarioName] = Number(weight)
  }
  return mix
}

export const config = {
  /** Seeded accounts (all can sign in) and what each owns. */
  users: number('BENCH_USERS', 10_000),
  tasksPerUser: number('BENCH_TASKS_PER_USER', 20),
  historyDays: number('BENCH_HISTORY_DAYS', 30),
  /** The password every seeded account has; its hash is computed once at the stack's BCRYPT_COST. */
  password: 'bench password 1234',
  bcryptCost: number('BCRYPT_COST', 11),
  /** Seeded accounts that take part in the traffic, each signed in once at start with its own token. */
  virtualUsers: number('BENCH_VUS', 100),
  /** Requests in flight at once (closed loop: each worker sends its next request when the last is answered). */
  concurrency: number('BENCH_CONCURRENCY', 16),
  seconds: number('BENCH_SECONDS', 12),
  warmupSeconds: number('BENCH_WARMUP_SECONDS', 3),
  /** A stretch without bench traffic, to show what the stack spends on its own (and on anyone else). */
  idleSeconds: number('BENCH_IDLE_SECONDS', 5),
  rounds: number('BENCH_ROUNDS', 3),
  variants: env('BENCH_VARIANTS', 'direct,gateway,chain').split(','),
  mix: mixFrom(process.env.BENCH_MIX),
  /** Name of the result file: bench/results/<name>-<timestamp>.json. */
  name: env('BENCH_NAME', 'system'),
  stateDir: env('FOCUSHUB_STATE_DIR', '.focushub'),
  databases: {
    auth: env('AUTH_DATABASE_URL', 'postgres://focushub_auth:focushub_auth_dev@127.0.0.1:5432/focushub_auth'),
    tasks: env('TASK_DATABASE_URL', 'postgres://focushub_tasks:focushub_tasks_dev@127.0.0.1:5432/focushub_tasks'),
    focus: env('FOCUS_DATABASE_URL', 'postgres://focushub_focus:focushub_focus_dev@127.0.0.1:5432/focushub_focus'),
    habits: env('HABIT_DATABASE_URL', 'postgres://focushub_habits:focushub_habits_dev@127.0.0.1:5432/focushub_habits'),
  },
  urls: {
    auth: env('AUTH_SERVICE_URL', 'http://127.0.0.1:3001'),
    tasks: env('TASK_SERVICE_URL', 'http://127.0.0.1:3002'),
    focus: env('FOCUS_SERVICE_URL', 'http://127.0.0.1:3003'),
    habits: env('HABIT_SERVICE_URL', 'http://127.0.0.1:3004'),
    gateway: `http://127.0.0.1:${env('GATEWAY_PORT', '3000')}`,
    /**
     * Where the `chain` way in starts. NGINX takes the client address from its socket and trusts no
     * X-Forwarded-For unless NGINX_REAL_IP_FROM names the peer, so by default the chain starts at the
     * balancer, where the virtual users' own addresses still count. To put NGINX in front, start the stack
     * with NGINX_REAL_IP_FROM=127.0.0.1 (the bench stands in for a trusted edge) and set
     * BENCH_CHAIN_URL=http://127.0.0.1:80.
     */
    chain: env('BENCH_CHAIN_URL', `http://127.0.0.1:${env('LB_PORT', '8080')}`),
  },
}

export type BenchConfig = typeof config
export type DatabaseName = keyof BenchConfig['databases']
