// The stack a drill targets, read as ./focushub reads it (.env.example, then .env, then the caller's
// environment), and the few ways a drill acts on it: ./focushub (supervisorctl through `./focushub ctl`),
// the ports its processes listen on, psql-level SQL.
import { execFile } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { isAbsolute, join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { promisify } from 'node:util'
import pg from 'pg'

export const root = new URL('../../', import.meta.url).pathname
const run = promisify(execFile)

function readEnvFile(file: string) {
  const values: Record<string, string> = {}
  if (!existsSync(file)) return values
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line)
    if (match) values[match[1]] = match[2].trim().replace(/^(['"])(.*)\1$/, '$2')
  }
  return values
}

/** Every variable of the target stack, the caller's environment winning (as in scripts/lib.sh). */
export function targetEnv(): Record<string, string> {
  const env = { ...readEnvFile(join(root, '.env.example')), ...readEnvFile(join(root, '.env')) }
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined) env[name] = value
  if (!isAbsolute(env.FOCUSHUB_STATE_DIR)) env.FOCUSHUB_STATE_DIR = join(root, env.FOCUSHUB_STATE_DIR)
  return env
}

/** One process of supervisord's, as `supervisorctl status` lists it. */
export interface SupervisedProcess {
  /** The process: `task-service-1`, `gateway-2`, `redis`. */
  name: string
  /** What supervisorctl calls it: `task-service:task-service-1`, or `redis` for a program of one process. */
  fullName: string
  /** 0 when it is not running (supervisorctl prints no pid while it is STARTING either). */
  pid: number
  /** STARTING, RUNNING, BACKOFF, STOPPED, EXITED, FATAL … */
  state: string
}

/** The lines of `supervisorctl status`: `name  STATE  pid N, uptime H:MM:SS` (description varies by state). */
export function parseStatus(stdout: string): SupervisedProcess[] {
  return stdout
    .split('\n')
    .map((line) => /^(\S+)\s+([A-Z]+)\b\s*(.*)$/.exec(line.trim()))
    .filter((match) => match !== null)
    .map(([, fullName, state, description]) => ({
      name: fullName.slice(fullName.indexOf(':') + 1),
      fullName,
      pid: Number(/\bpid (\d+)/.exec(description)?.[1] ?? 0),
      state,
    }))
}

/** supervisorctl's exit codes that still come with an answer: 3 (`status`: some process is not running), 7 (`pid`: 0). */
export const notRunningExitCodes = [3, 7]

/** A port a Node process listens on: shared with its program's other replicas (SO_REUSEPORT), or its own. */
export interface Listener {
  port: number
  own: boolean
}

async function listeningPids(port: number) {
  const { stdout } = await run('ss', ['-Hltnp', `sport = :${port}`])
  return [...stdout.matchAll(/pid=(\d+)/g)].map((match) => Number(match[1]))
}

export type Stack = ReturnType<typeof openStack>

export function openStack(env = targetEnv()) {
  const state = env.FOCUSHUB_STATE_DIR
  const publicUrl = `http://127.0.0.1:${env.NGINX_PORT}`
  const gatewayPorts = env.GATEWAY_REPLICA_PORTS.split(',').map(Number)
  const serviceNames = [
    'auth-service',
    'task-service',
    'focus-service',
    'habit-service',
    'notification-service',
    'social-service',
  ]
  const replicas = (name: string) => Number(env[`${envName(name)}_REPLICAS`] ?? 2)
  const balancerReplicas = Number(env.LB_REPLICAS ?? 2)
  const programOf = (name: string) => name.replace(/-\d+$/, '')
  const replicaNumber = (name: string) => Number(/-(\d+)$/.exec(name)?.[1])
  const fullNameOf = (name: string) => (programOf(name) === name ? name : `${programOf(name)}:${name}`)

  /** ./focushub with the target's environment (`up` starts only what is not running). */
  async function focushub(...args: string[]) {
    const { stdout } = await run(join(root, 'focushub'), args, { env: { ...process.env, ...env }, cwd: root })
    return stdout
  }

  /** `./focushub ctl …` (supervisorctl): its output, also when its exit code only says a process is not running. */
  async function ctl(...args: string[]) {
    try {
      return await focushub('ctl', ...args)
    } catch (error) {
      const failed = error as { code?: number; stdout?: string }
      if (failed.code !== undefined && notRunningExitCodes.includes(failed.code)) return failed.stdout ?? ''
      throw error
    }
  }

  return {
    env,
    state,
    publicUrl,
    serviceNames,
    gatewayNames: gatewayPorts.map((_, i) => `gateway-${i + 1}`),
    /** Each balancer replica's admin listener (loopback; /lb/status, /health), the i-th on LB_ADMIN_PORT + i. */
    balancerAdminUrls: Array.from(
      { length: balancerReplicas },
      (_, i) => `http://127.0.0.1:${Number(env.LB_ADMIN_PORT) + i}`,
    ),
    /** Every Node process of the stack: each replica of every service, then the gateways, then the balancers. */
    nodeProcessNames: [
      ...serviceNames.flatMap((name) => Array.from({ length: replicas(name) }, (_, i) => `${name}-${i + 1}`)),
      ...gatewayPorts.map((_, i) => `gateway-${i + 1}`),
      ...Array.from({ length: balancerReplicas }, (_, i) => `load-balancer-${i + 1}`),
    ],
    logFile: (name: string) => join(state, 'logs', `${name}.log`),
    /** The ports a process listens on (`task-service-2`, `gateway-1`, `load-balancer-2`, `redis`, `kafka`). */
    listenersOf(name: string): Listener[] {
      const program = programOf(name)
      if (program === 'gateway') return [{ port: gatewayPorts[replicaNumber(name) - 1], own: true }]
      if (program === 'load-balancer')
        return [
          { port: Number(env.LB_PORT), own: false },
          { port: Number(env.LB_ADMIN_PORT) + replicaNumber(name) - 1, own: true },
        ]
      return [{ port: Number(env[`${envName(program)}_PORT`]), own: false }]
    },
    focushub,
    ctl,
    fullNameOf,
    /** Every process supervisord runs, as `./focushub ctl status` lists it. */
    async processes() {
      return parseStatus(await ctl('status'))
    },
    /** A process's pid as supervisord knows it (`task-service-1`, `gateway-2`, `redis`); undefined when it is not running. */
    async pidOf(name: string) {
      const pid = Number((await ctl('pid', fullNameOf(name))).trim())
      return pid > 0 ? pid : undefined
    },
    /** A superuser session over the cluster's Unix socket (local connections are trusted). */
    async adminSql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []) {
      const client = new pg.Client({
        host: join(state, 'run', 'postgres'),
        port: Number(env.POSTGRES_PORT),
        user: 'postgres',
        database: 'postgres',
      })
      await client.connect()
      try {
        return (await client.query<T>(text, values)).rows
      } finally {
        await client.end()
      }
    },
    /** A query in one service's own database, with its own role. */
    async serviceSql<T extends pg.QueryResultRow>(urlVar: string, text: string, values: unknown[] = []) {
      const client = new pg.Client({ connectionString: env[urlVar] })
      await client.connect()
      try {
        return (await client.query<T>(text, values)).rows
      } finally {
        await client.end()
      }
    },
  }
}

/** The variables' prefix of a component: `task-service` → `TASK_SERVICE`. */
const envName = (name: string) => name.toUpperCase().replaceAll('-', '_')

/** Sends `signal` to a pid and waits until it is gone (up to `seconds`). */
export async function signalAndWait(pid: number, signal: NodeJS.Signals, seconds: number) {
  process.kill(pid, signal)
  const deadline = Date.now() + seconds * 1000
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true
    await sleep(100)
  }
  return false
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0)
    return !existsSync(`/proc/${pid}/stat`) || !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ')
  } catch {
    return false
  }
}

/** Polls `probe` until it returns true or `seconds` pass; resolves with the seconds it took, or undefined. */
export async function waitFor(probe: () => Promise<boolean>, seconds: number, everyMs = 250) {
  const started = performance.now()
  while (performance.now() - started < seconds * 1000) {
    if (await probe().catch(() => false)) return (performance.now() - started) / 1000
    await sleep(everyMs)
  }
  return undefined
}

/** Whether `pid` is `ancestor` or one of its descendants (a supervised wrapper may run the real server as its child). */
function descendsFrom(pid: number, ancestor: number): boolean {
  for (let current = pid; current > 1; ) {
    if (current === ancestor) return true
    const stat = existsSync(`/proc/${current}/stat`) ? readFileSync(`/proc/${current}/stat`, 'utf8') : ''
    current = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] ?? 0)
  }
  return false
}

/** How supervisord brought a killed process back, in seconds from the kill. */
export interface Comeback {
  newPid: number
  /** Until supervisord had a new pid for it. */
  respawned: number
  /** Until that process listened on every port of the process and answered /health on the ones of its own. */
  serving: number
  /** Until supervisord called it RUNNING: never sooner than its startsecs after the respawn. */
  running: number
}

/**
 * Waits, up to `seconds` from `killedAt` (performance.now()), until supervisord has brought process
 * `name` back after `oldPid` died; a sentence saying how far it got when it has not.
 */
export async function supervisorBringsBack(
  stack: Stack,
  name: string,
  oldPid: number,
  listeners: Listener[],
  killedAt: number,
  seconds: number,
): Promise<Comeback | string> {
  const since = () => (performance.now() - killedAt) / 1000
  const listening = async (pid: number) => {
    for (const { port, own } of listeners) {
      if (!(await listeningPids(port)).some((listener) => descendsFrom(listener, pid))) return false
      if (
        own &&
        (await fetch(`http://127.0.0.1:${port}/health`)
          .then((r) => r.status)
          .catch(() => 0)) !== 200
      )
        return false
    }
    return true
  }
  let newPid: number | undefined
  let respawned = 0
  let serving = 0
  while (since() < seconds) {
    if (!newPid) {
      const pid = await stack.pidOf(name).catch(() => undefined)
      if (pid && pid !== oldPid) [newPid, respawned] = [pid, since()]
    } else if (!serving) {
      if (await listening(newPid)) serving = since()
    } else {
      const [status] = parseStatus(await stack.ctl('status', stack.fullNameOf(name)))
      if (status?.state === 'RUNNING' && status.pid === newPid) return { newPid, respawned, serving, running: since() }
      if (status?.state === 'RUNNING') return `${name} was respawned twice (pid ${newPid}, then ${status.pid})`
    }
    await sleep(100)
  }
  if (!newPid) return `supervisord did not respawn ${name} within ${seconds} s`
  if (!serving)
    return `${name}'s new pid ${newPid} did not listen on ${listeners.map((l) => l.port)} within ${seconds} s`
  return `${name}'s new pid ${newPid} was serving after ${serving.toFixed(1)} s but not RUNNING within ${seconds} s`
}
