// Processes and a bounded load loop shared by the balancer benchmarks (loopback only).
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createHistogram } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { Pool } from 'undici'

const root = new URL('../../', import.meta.url).pathname
const children: ChildProcess[] = []
export const logDir = mkdtempSync(join(tmpdir(), 'focushub-lb-bench-'))

export function stopAll() {
  // NGINX's master must stop its workers itself; the Node processes need no grace.
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null)
      child.kill(child.spawnfile.endsWith('nginx') ? 'SIGTERM' : 'SIGKILL')
}
process.on('exit', stopAll)
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    stopAll()
    process.exit(130)
  })

/** Starts `node script` with its stdout in a log file, so the load generator never reads it. */
function spawnLogged(script: string, env: Record<string, string>) {
  const logFile = join(logDir, `${children.length}-${script.replaceAll('/', '_')}.log`)
  const out = openSync(logFile, 'w')
  const child = spawn(process.execPath, [root + script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', out, 'inherit'],
  })
  closeSync(out)
  children.push(child)
  return { child, logFile }
}

/** Starts `node script` and resolves with the first JSON line of its output that has `field`. */
export async function spawnNode(script: string, env: Record<string, string>, field: string) {
  const { child, logFile } = spawnLogged(script, env)
  const deadline = Date.now() + 15_000
  while (Date.now() < deadline && child.exitCode === null) {
    for (const line of readFileSync(logFile, 'utf8').split('\n').filter(Boolean)) {
      const entry = JSON.parse(line) as Record<string, unknown>
      if (entry[field] !== undefined) return { child, value: String(entry[field]), port: Number(entry[field]), logFile }
    }
    await sleep(50)
  }
  throw new Error(`${script} did not print ${field} (see ${logFile})`)
}

/** Starts `node script`, told to listen on `port`, and resolves once its GET /health answers 200. */
export async function spawnOnPort(script: string, port: number, env: Record<string, string>) {
  const { child, logFile } = spawnLogged(script, env)
  // A gateway joins its Kafka consumer groups before it listens: slow on a busy machine.
  const deadline = Date.now() + 90_000
  while (Date.now() < deadline && child.exitCode === null) {
    const healthy = await fetch(`http://127.0.0.1:${port}/health`).then(
      (response) => response.ok,
      () => false,
    )
    if (healthy) return { child, port, logFile }
    await sleep(100)
  }
  throw new Error(`${script} did not answer on port ${port} (see ${logFile})`)
}

export const startUpstream = (name: string) => spawnNode('bench/lb/upstream.ts', { UPSTREAM_NAME: name }, 'port')

export const startBalancer = (upstreams: string, env: Record<string, string> = {}) =>
  spawnNode(
    'load-balancer/src/server.ts',
    { LB_PORT: '0', LB_ADMIN_PORT: '0', HOST: '127.0.0.1', LB_UPSTREAMS: upstreams, LOG_LEVEL: 'info', ...env },
    'port',
  )

export async function freePort() {
  const server = createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as { port: number }
  server.close()
  return port
}

export interface LoadResult {
  requests: number
  failed: number
  statuses: Record<string, number>
  perSecond: number
  p50: number
  p99: number
}

/**
 * `connections` keep-alive clients sending GET `path` back to back for `seconds` (bounded in time and
 * count); any answer outside 2xx counts as failed.
 */
export async function load(
  url: string,
  path: string,
  seconds: number,
  connections: number,
  headers: Record<string, string> = {},
  maxRequests = 5_000_000,
) {
  const pool = new Pool(url, { connections, pipelining: 1 })
  const histogram = createHistogram()
  const statuses: Record<string, number> = {}
  let requests = 0
  let failed = 0
  const deadline = performance.now() + seconds * 1000
  const started = performance.now()
  async function client() {
    while (performance.now() < deadline && requests < maxRequests) {
      const sent = performance.now()
      requests++
      try {
        const response = await pool.request({ method: 'GET', path, headers })
        await response.body.dump()
        statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1
        if (response.statusCode < 200 || response.statusCode > 299) failed++
      } catch (error) {
        failed++
        const code = (error as { code?: string }).code ?? 'error'
        statuses[code] = (statuses[code] ?? 0) + 1
      }
      histogram.record(Math.max(1, Math.round((performance.now() - sent) * 1000)))
    }
  }
  await Promise.all(Array.from({ length: connections }, client))
  const elapsed = (performance.now() - started) / 1000
  await pool.destroy()
  const ms = (p: number) => histogram.percentile(p) / 1000
  return { requests, failed, statuses, perSecond: requests / elapsed, p50: ms(50), p99: ms(99) } satisfies LoadResult
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

/**
 * One NGINX (1 worker) with a listener per entry of `upstreams`, each balancing its servers
 * (host:port) from an upstream block with keepalive, as the stack's NGINX does; resolves with the
 * URL of each listener.
 */
export async function startNginx(upstreams: Record<string, string[]>) {
  const names = Object.keys(upstreams)
  const ports = await Promise.all(names.map(() => freePort()))
  const block = (name: string, i: number) => `
  upstream u${i} { ${upstreams[name].map((server) => `server ${server};`).join(' ')} keepalive 64; }
  server {
    listen 127.0.0.1:${ports[i]};
    location / {
      proxy_pass http://u${i};
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Request-Id $request_id;
    }
  }`
  await writeFile(
    join(logDir, 'nginx.conf'),
    `worker_processes 1;
pid ${logDir}/nginx.pid;
error_log ${logDir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log ${logDir}/access.log;
  client_body_temp_path ${logDir}/body;
  proxy_temp_path ${logDir}/proxy;
  fastcgi_temp_path ${logDir}/fastcgi;
  uwsgi_temp_path ${logDir}/uwsgi;
  scgi_temp_path ${logDir}/scgi;
${names.map(block).join('\n')}
}
`,
  )
  const nginx = spawn('/usr/sbin/nginx', ['-c', join(logDir, 'nginx.conf'), '-p', logDir, '-g', 'daemon off;'], {
    stdio: 'inherit',
  })
  children.push(nginx)
  await sleep(300)
  const urls = Object.fromEntries(names.map((name, i) => [name, `http://127.0.0.1:${ports[i]}`]))
  return { urls, workers: childrenOf(nginx.pid as number) }
}

/** CPU seconds (user + system) process `pid` has used so far, from /proc (Linux; clock ticks of 10 ms). */
export function cpuSeconds(pid: number) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // The fields after the command's closing parenthesis, from field 3 (state): utime is 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) / 100
}

/** A Postgres client backend's title: `postgres: <user> <database> <host(port)> <state>`. */
const clientBackend = /^postgres: (\S+) (\S+) \S+\(\d+\)/

/**
 * CPU seconds so far of each process whose command is `command` (Kafka's JVM; Postgres's backends and its
 * background processes). With `postgresUser`, Postgres client backends of other roles are left out: the
 * machine's other work. Per process, so that one exiting between two samples subtracts nothing (`cpuSince`).
 */
export function cpuByProcess(command: string, postgresUser?: string) {
  const seconds = new Map<number, number>()
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== command) continue
      if (postgresUser) {
        const title = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ').trim()
        const client = clientBackend.exec(title)
        if (client && client[1] !== postgresUser) continue
      }
      seconds.set(Number(entry), cpuSeconds(Number(entry)))
    } catch {
      // gone meanwhile
    }
  }
  return seconds
}

/** CPU seconds used between two samples by the processes alive at the second (one started since counts from 0). */
export const cpuSince = (before: Map<number, number>, after: Map<number, number>) =>
  [...after].reduce((sum, [pid, seconds]) => sum + seconds - (before.get(pid) ?? 0), 0)

/**
 * CPU seconds by part: `own` parts read as one figure each (this process, a child's pid), `shared` ones
 * per process of a command (Postgres's backends of one role, Kafka's JVM; `cpuByProcess`), so a process
 * exiting between two samples subtracts nothing. `between` is what each part used from one sample to another.
 */
export function cpuSampler(
  own: Record<string, () => number>,
  shared: Record<string, { command: string; postgresUser?: string }>,
) {
  type Sample = { own: Record<string, number>; shared: Record<string, Map<number, number>> }
  const sample = (): Sample => ({
    own: Object.fromEntries(Object.entries(own).map(([part, read]) => [part, read()])),
    shared: Object.fromEntries(
      Object.entries(shared).map(([part, { command, postgresUser }]) => [part, cpuByProcess(command, postgresUser)]),
    ),
  })
  const between = (before: Sample, after: Sample): Record<string, number> => ({
    ...Object.fromEntries(Object.keys(own).map((part) => [part, after.own[part] - before.own[part]])),
    ...Object.fromEntries(Object.keys(shared).map((part) => [part, cpuSince(before.shared[part], after.shared[part])])),
  })
  return { sample, between }
}

/** The processes NGINX's master started: its workers. */
export const childrenOf = (pid: number) =>
  readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number)
