// Issue #24's bench: BENCH_REMINDERS (100,000) task reminders due at the same instant T, fired by a
// notification-service of the bench's own (its real worker, jobs and e-mail path) on a database of its own
// (`focushub_bench_notifications`, created fresh per variant beside the stack's), sending to a MailDev of its
// own (no message limit, its own ports), so the shared stack's inbox, queue and catcher are never touched.
// Per variant: inbox lag (notifications.created_at − T) and e-mail lag (deliveries.sent_at − T, the relay's
// acceptance), p50/p99/max, jobs/s, the time until the last one, the messages the catcher holds, and the CPU
// seconds of the service, the catcher and Postgres. Variants (BENCH_VARIANTS, run in order, side by side):
// `<JOB_CONCURRENCY>[:noemail][:asynccommit]`: `noemail`, the users turned task reminders' e-mail off;
// `asynccommit`, the service's sessions commit without waiting for the WAL flush (PGOPTIONS, a diagnosis: how
// much of a job is the commit's fsync).
// Run: node bench/notifications/reminders.ts   → bench/results/reminders-<timestamp>.json
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'
import { root, targetEnv } from '../drills/stack.ts'
import { writeResults } from '../support/results.ts'

const env = targetEnv()
const count = Number(process.env.BENCH_REMINDERS ?? 100_000)
const tasksPerUser = Number(process.env.BENCH_TASKS_PER_USER ?? 10)
const leadSeconds = Number(process.env.BENCH_LEAD_SECONDS ?? 20)
const timeoutSeconds = Number(process.env.BENCH_TIMEOUT_SECONDS ?? 900)
const variants = (process.env.BENCH_VARIANTS ?? '16:noemail,16').split(',')
const poolMax = process.env.BENCH_DATABASE_POOL_MAX ?? env.DATABASE_POOL_MAX
const smtpPool = process.env.BENCH_SMTP_POOL_MAX_CONNECTIONS ?? env.SMTP_POOL_MAX_CONNECTIONS
const [smtpPort, webPort, servicePort] = [11025, 11080, 13905]
const name = 'focushub_bench_notifications'
const serviceUrl = new URL(env.NOTIFICATION_DATABASE_URL)
serviceUrl.pathname = `/${name}`
const mailDir = join(env.FOCUSHUB_STATE_DIR, 'bench-mail')
const startedAt = new Date()
const ticks = 100 // clock ticks per second of /proc/<pid>/stat

const admin = (database = 'postgres') =>
  new pg.Client({
    host: join(env.FOCUSHUB_STATE_DIR, 'run', 'postgres'),
    port: Number(env.POSTGRES_PORT),
    user: 'postgres',
    database,
  })

async function adminQuery(text: string, database?: string) {
  const client = admin(database)
  await client.connect()
  try {
    return (await client.query(text)).rows
  } finally {
    await client.end()
  }
}

/** CPU seconds (user + system) of a process and its children that have ended. */
function cpuSeconds(pid: number | undefined) {
  if (!pid) return 0
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / ticks
  } catch {
    return 0
  }
}

/** Every Postgres process of the cluster (the postmaster's children): shared with the rest of the machine. */
function postgresCpu() {
  const postmaster = Number(
    readFileSync(join(env.FOCUSHUB_STATE_DIR, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0],
  )
  let total = cpuSeconds(postmaster)
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ')
      if (Number(stat[1]) === postmaster) total += cpuSeconds(Number(entry))
    } catch {}
  }
  return total
}

async function waitUntil(probe: () => Promise<boolean>, seconds: number, what: string) {
  const deadline = Date.now() + seconds * 1000
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return
    await sleep(200)
  }
  throw new Error(`${what} within ${seconds} s`)
}

function start(command: string[], extraEnv: NodeJS.ProcessEnv, logName: string) {
  const log = join(env.FOCUSHUB_STATE_DIR, 'logs', `${logName}.log`)
  const child = spawn(command[0], command.slice(1), { cwd: root, env: { ...process.env, ...extraEnv }, stdio: 'pipe' })
  child.stdout?.on('data', (chunk) => writeFileSync(log, chunk, { flag: 'a' }))
  child.stderr?.on('data', (chunk) => writeFileSync(log, chunk, { flag: 'a' }))
  return child
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  await Promise.race([exited, sleep(15_000).then(() => child.kill('SIGKILL'))])
}

/** Users, their profiles and addresses, the tasks, the armed schedules and their fire-reminder jobs, all due at T. */
const seedStatements = (due: Date, email: boolean) => {
  const users = Math.ceil(count / tasksPerUser)
  const t = `'${due.toISOString()}'::timestamptz`
  const user = `md5('user' || ((g - 1) % ${users} + 1))::uuid`
  return [
    `insert into user_profiles select md5('user' || u)::uuid, 'UTC', 0, now() from generate_series(1, ${users}) u`,
    `insert into email_recipients select md5('user' || u)::uuid, 'bench-' || u || '@bench.example.com', 'Bench ' || u, now()
       from generate_series(1, ${users}) u`,
    ...(email
      ? []
      : [
          `insert into notification_preferences (user_id, muted, kinds) select md5('user' || u)::uuid, false,
             '{"task_reminder": {"inApp": true, "email": false}}' from generate_series(1, ${users}) u`,
        ]),
    `insert into reminder_tasks (task_id, project_id, title, status, due_at, version)
       select md5('task' || g)::uuid, md5('project' || ((g - 1) % ${users} + 1))::uuid, 'Bench task ' || g, 'todo',
              ${t} + interval '15 minutes', 1 from generate_series(1, ${count}) g`,
    `insert into reminder_schedules (task_id, user_id, position, fire_at, job_key)
       select md5('task' || g)::uuid, ${user}, 0, ${t}, 'reminder:' || md5('task' || g)::uuid || ':' || ${user} || ':0'
       from generate_series(1, ${count}) g`,
    `select count(*) from graphile_worker.add_jobs(array(
       select row('fire-reminder', json_build_object('taskId', md5('task' || g)::uuid, 'userId', ${user},
                  'position', 0, 'fireAt', '${due.toISOString()}'), null, ${t}, 25,
                  'reminder:' || md5('task' || g)::uuid || ':' || ${user} || ':0', 0, null)::graphile_worker.job_spec
       from generate_series(1, ${count}) g))`,
  ]
}

const lagSql = (column: string, table: string, due: Date) => `
  select count(*)::int n,
         percentile_cont(0.5) within group (order by extract(epoch from ${column} - '${due.toISOString()}'::timestamptz)) p50,
         percentile_cont(0.99) within group (order by extract(epoch from ${column} - '${due.toISOString()}'::timestamptz)) p99,
         max(extract(epoch from ${column} - '${due.toISOString()}'::timestamptz)) max
  from ${table}`

async function runVariant(variant: string) {
  const [concurrency, ...flags] = variant.split(':')
  const email = !flags.includes('noemail')
  console.log(
    `\n== JOB_CONCURRENCY ${concurrency}, ${email ? 'with' : 'without'} e-mail${flags.includes('asynccommit') ? ', async commit' : ''}: ${count} reminders`,
  )
  await adminQuery(`drop database if exists ${name} with (force)`)
  await adminQuery(`create database ${name} owner ${pg.escapeIdentifier(decodeURIComponent(serviceUrl.username))}`)
  rmSync(mailDir, { recursive: true, force: true })
  mkdirSync(mailDir, { recursive: true })
  const maildevEntry = join(env.FOCUSHUB_STATE_DIR, 'tools/maildev/node_modules/maildev/dist/bin/maildev.js')
  const catcher = start(
    [
      'node',
      maildevEntry,
      '--ip',
      '127.0.0.1',
      '--smtp',
      `${smtpPort}`,
      '--web-ip',
      '127.0.0.1',
      '--web',
      `${webPort}`,
      '--mail-directory',
      mailDir,
      '--max-emails',
      '0',
    ],
    {},
    'bench-mail-catcher',
  )
  const nodeFlags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean)
  const service = start(
    ['node', ...nodeFlags, 'notification-service/src/server.ts'],
    {
      NOTIFICATION_DATABASE_URL: serviceUrl.toString(),
      NOTIFICATION_SERVICE_PORT: `${servicePort}`,
      KAFKA_TOPIC_PREFIX: `bench-reminders-${Date.now()}.`,
      OUTBOX_RELAY_ENABLED: 'false',
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      SMTP_POOL_MAX_CONNECTIONS: smtpPool,
      DATABASE_POOL_MAX: poolMax,
      JOB_CONCURRENCY: concurrency,
      JOB_POLL_INTERVAL_MS: '500',
      ...(flags.includes('asynccommit') ? { PGOPTIONS: '-c synchronous_commit=off' } : {}),
      LOG_LEVEL: 'warn',
    },
    'bench-notification-service',
  )
  try {
    await waitUntil(
      async () => (await fetch(`http://127.0.0.1:${webPort}/api/healthz`)).ok,
      30,
      'the catcher did not start',
    )
    await waitUntil(
      async () => (await fetch(`http://127.0.0.1:${servicePort}/ready`)).ok,
      120,
      'the service was not ready',
    )
    const due = new Date(Date.now() + leadSeconds * 1000)
    due.setMilliseconds(0)
    const db = new pg.Client({ connectionString: serviceUrl.toString() })
    await db.connect()
    const seedStart = performance.now()
    await db.query('begin')
    for (const statement of seedStatements(due, email)) await db.query(statement)
    await db.query('commit')
    await db.query('analyze')
    const seedSeconds = (performance.now() - seedStart) / 1000
    const wait = due.getTime() - Date.now()
    console.log(
      `   seeded in ${seedSeconds.toFixed(1)} s (SQL); due at ${due.toISOString()}, in ${(wait / 1000).toFixed(1)} s`,
    )
    if (wait < 0) throw new Error('seeding ended after T: raise BENCH_LEAD_SECONDS')
    await sleep(wait)
    const cpu0 = { service: cpuSeconds(service.pid), catcher: cpuSeconds(catcher.pid), postgres: postgresCpu() }
    const expected = email ? count : 0
    let done: { inbox: number; sent: number } = { inbox: 0, sent: 0 }
    const deadline = Date.now() + timeoutSeconds * 1000
    let lastLog = 0
    while (Date.now() < deadline) {
      const { rows } = await db.query(`select (select count(*) from notifications)::int inbox,
        (select count(*) from deliveries where state = 'sent')::int sent`)
      done = rows[0]
      if (Date.now() - lastLog > 10_000) {
        console.log(
          `   +${((Date.now() - due.getTime()) / 1000).toFixed(0)} s: ${done.inbox} in the inbox, ${done.sent} e-mails sent`,
        )
        lastLog = Date.now()
      }
      if (done.inbox >= count && done.sent >= expected) break
      await sleep(500)
    }
    const cpu = {
      service: cpuSeconds(service.pid) - cpu0.service,
      catcher: cpuSeconds(catcher.pid) - cpu0.catcher,
      postgres: postgresCpu() - cpu0.postgres,
    }
    const inbox = (await db.query(lagSql('created_at', 'notifications', due))).rows[0]
    const mail = (await db.query(lagSql('sent_at', `deliveries where state = 'sent'`, due))).rows[0]
    const states = (await db.query('select state, count(*)::int n from deliveries group by state')).rows
    await db.end()
    const caught = readdirSync(mailDir).filter((file) => file.endsWith('.eml')).length
    const last = Math.max(inbox.max ?? 0, email ? (mail.max ?? 0) : 0)
    const result = {
      variant,
      concurrency: Number(concurrency),
      withEmail: email,
      seedSeconds,
      complete: done.inbox >= count && done.sent >= expected,
      inbox: { count: inbox.n, p50: inbox.p50, p99: inbox.p99, max: inbox.max, jobsPerSecond: inbox.n / inbox.max },
      email: email
        ? { sent: mail.n, p50: mail.p50, p99: mail.p99, max: mail.max, caught, deliveries: states }
        : undefined,
      jobsPerSecond: (inbox.n + (email ? mail.n : 0)) / last,
      totalSeconds: last,
      cpuSeconds: cpu,
      loadavg: loadavg(),
    }
    console.log(
      `   inbox: ${inbox.n} in ${Number(inbox.max).toFixed(1)} s (${result.inbox.jobsPerSecond.toFixed(0)} reminders/s), lag p50 ${Number(inbox.p50).toFixed(1)} s, p99 ${Number(inbox.p99).toFixed(1)} s`,
    )
    if (email)
      console.log(
        `   e-mail: ${mail.n} sent in ${Number(mail.max).toFixed(1)} s, lag p50 ${Number(mail.p50).toFixed(1)} s, p99 ${Number(mail.p99).toFixed(1)} s; the catcher holds ${caught}`,
      )
    console.log(
      `   ${result.jobsPerSecond.toFixed(0)} jobs/s; CPU s: service ${cpu.service.toFixed(1)}, catcher ${cpu.catcher.toFixed(1)}, postgres ${cpu.postgres.toFixed(1)}; load ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    )
    return result
  } finally {
    await stop(service)
    await stop(catcher)
  }
}

const machine = () => ({
  cores: cpus().length,
  cpu: cpus()[0]?.model,
  memoryGiB: totalmem() / 2 ** 30,
  node: process.version,
  loadavg: loadavg(),
})
const before = machine()
const results = []
for (const variant of variants) results.push(await runVariant(variant))
await adminQuery(`drop database if exists ${name} with (force)`)
rmSync(mailDir, { recursive: true, force: true })

console.log('\nsummary (lag from T, seconds)')
console.log('variant          inbox p50   p99   max   e-mail p50   p99   max   caught   jobs/s')
for (const r of results)
  console.log(
    `${r.variant.padEnd(16)} ${[r.inbox.p50, r.inbox.p99, r.inbox.max].map((v) => Number(v).toFixed(1).padStart(6)).join('')}   ${
      r.email
        ? [r.email.p50, r.email.p99, r.email.max].map((v) => Number(v).toFixed(1).padStart(6)).join('')
        : '     —     —     —'
    }   ${String(r.email?.caught ?? '—').padStart(7)}   ${r.jobsPerSecond.toFixed(0).padStart(6)}`,
  )
writeResults('reminders', {
  bench: 'bench/notifications/reminders.ts',
  startedAt,
  machine: { before, after: machine() },
  config: { count, tasksPerUser, leadSeconds, variants, poolMax, smtpPool },
  results,
})
