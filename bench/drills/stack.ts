// The stack a drill targets, read as ./focushub reads it (.env.example, then .env, then the caller's
// environment), and the few ways a drill acts on it: pid files, ./focushub, psql-level SQL.
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

export type Stack = ReturnType<typeof openStack>

export function openStack(env = targetEnv()) {
  const state = env.FOCUSHUB_STATE_DIR
  const publicUrl = `http://127.0.0.1:${env.NGINX_PORT}`
  const gatewayNames = env.GATEWAY_REPLICA_PORTS.split(',').map((_, i) => `gateway-${i + 1}`)
  return {
    env,
    state,
    publicUrl,
    gatewayNames,
    serviceNames: [
      'auth-service',
      'task-service',
      'focus-service',
      'habit-service',
      'notification-service',
      'social-service',
    ],
    pidFile: (name: string) => join(state, 'run', `${name}.pid`),
    logFile: (name: string) => join(state, 'logs', `${name}.log`),
    /** The live pid of a component from its pid file, checked against its command line (never a recycled pid). */
    pidOf(name: string, commandPart: string) {
      const file = join(state, 'run', `${name}.pid`)
      if (!existsSync(file)) return undefined
      const pid = Number(readFileSync(file, 'utf8').split('\n')[0])
      const cmdline = existsSync(`/proc/${pid}/cmdline`) ? readFileSync(`/proc/${pid}/cmdline`, 'utf8') : ''
      return cmdline.replaceAll('\0', ' ').includes(commandPart) ? pid : undefined
    },
    /** ./focushub with the target's environment (it starts only what is not running). */
    async focushub(...args: string[]) {
      const { stdout } = await run(join(root, 'focushub'), args, { env: { ...process.env, ...env }, cwd: root })
      return stdout
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

export function isAlive(pid: number) {
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
