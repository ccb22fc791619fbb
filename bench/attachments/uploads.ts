// Attachments through NGINX with presigned URLs (issue #28), on the running stack: BENCH_UPLOADS (100) files of
// BENCH_FILE_BYTES (5 MiB) uploaded at once by BENCH_USERS (5) users, each the whole client flow — announce
// (POST /tasks/{id}/attachments) → PUT the bytes to the presigned URL (NGINX /storage/ → the S3 server) →
// POST …/complete. Measured per round: the wall time, MB/s and uploads/s, p50/p99 of each phase, and the CPU
// time each part of the stack spent (/proc of supervisord's pids, bench/system/stack-processes.ts) divided per
// upload; then, in the same round, BENCH_CREATES (100) plain `POST /tasks` and their CPU per create, so the
// two are compared side by side. Everything it made is deleted after each round (the tasks, and so their
// attachments: the cleanup job removes the objects), so it runs again within the quota.
// BENCH_FILE=pdf (default: a valid PDF padded with random bytes — file-type sees %PDF, no thumbnail is made)
// or png (a noise image made once with sharp: each upload then also costs task-service a thumbnail).
// Run: node bench/attachments/uploads.ts   (BENCH_ROUNDS=3 BENCH_UPLOADS=100 BENCH_FILE_BYTES=5242880 BENCH_USERS=5
//      BENCH_CREATES=100 BENCH_FILE=pdf) → bench/results/attachments-<timestamp>.json
import { randomBytes } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import sharp from 'sharp'
import { openStack, waitFor } from '../drills/stack.ts'
import { median } from '../lb/support.ts'
import { machine, stats, writeResults } from '../support/results.ts'
import { inParallel } from '../support/service-chain.ts'
import { type ProcessFigures, stackComponents, watchStack } from '../system/stack-processes.ts'

const rounds = Number(process.env.BENCH_ROUNDS ?? 3)
const uploads = Number(process.env.BENCH_UPLOADS ?? 100)
const fileBytes = Number(process.env.BENCH_FILE_BYTES ?? 5 * 1024 * 1024)
const userCount = Number(process.env.BENCH_USERS ?? 5)
const creates = Number(process.env.BENCH_CREATES ?? 100)
const fileKind = process.env.BENCH_FILE ?? 'pdf'
/** Uploads per task: under ATTACHMENTS_PER_TASK (20), so each round's tasks take them all. */
const perTask = 10
const password = 'bench password 1234'
const taskTitle = 'attachments bench'

const stack = openStack()
const api = `${stack.publicUrl}/api/v1`
const startedAt = new Date()
const before = machine()

interface User {
  email: string
  authorization: string
}

async function call(method: string, path: string, user?: User, body?: unknown) {
  const response = await fetch(`${api}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(user ? { authorization: user.authorization } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> }
}

async function expectStatus(status: number, answer: Promise<{ status: number; body: Record<string, unknown> }>) {
  const { status: got, body } = await answer
  if (got !== status) throw new Error(`expected ${status}, got ${got}: ${JSON.stringify(body)}`)
  return body
}

/** The bench's users, registered the first time only (the sign-up throttle allows 20 an hour per address). */
async function signIn(count: number): Promise<User[]> {
  const users: User[] = []
  for (let i = 1; i <= count; i++) {
    const email = `attachments-bench-${i}@bench.example.com`
    let login = await call('POST', '/auth/login', undefined, { email, password })
    if (login.status === 401) {
      const profile = { email, password, displayName: `Attachments bench ${i}`, timezone: 'UTC' }
      await expectStatus(201, call('POST', '/auth/register', undefined, profile))
      login = await call('POST', '/auth/login', undefined, { email, password })
    }
    if (login.status !== 200) throw new Error(`login ${email}: ${login.status} ${JSON.stringify(login.body)}`)
    users.push({ email, authorization: `Bearer ${login.body.accessToken}` })
  }
  return users
}

/**
 * A valid PDF — catalog, one empty page, and an unreferenced stream of `bytes` random bytes, with a
 * correct cross-reference table — so the content check (file-type: %PDF) passes for arbitrary bytes.
 */
function paddedPdf(bytes: number) {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')]
  const offsets: number[] = []
  const length = () => parts.reduce((sum, part) => sum + part.length, 0)
  const object = (...content: (string | Buffer)[]) => {
    offsets.push(length())
    parts.push(
      Buffer.from(`${offsets.length} 0 obj\n`),
      ...content.map((c) => (typeof c === 'string' ? Buffer.from(c) : c)),
      Buffer.from('\nendobj\n'),
    )
  }
  object('<< /Type /Catalog /Pages 2 0 R >>')
  object('<< /Type /Pages /Kids [3 0 R] /Count 1 >>')
  object('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>')
  object(`<< /Length ${bytes} >>\nstream\n`, randomBytes(bytes), '\nendstream')
  const xref = length()
  const entries = offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')
  parts.push(
    Buffer.from(
      `xref\n0 ${offsets.length + 1}\n0000000000 65535 f \n${entries}` +
        `trailer\n<< /Size ${offsets.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`,
    ),
  )
  return Buffer.concat(parts)
}

/** A PNG of noise, about `bytes` long (noise does not compress). */
function noisePng(bytes: number) {
  const width = 1024
  const height = Math.ceil(bytes / (width * 3))
  return sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } })
    .png({ compressionLevel: 1 })
    .toBuffer()
}

const file =
  fileKind === 'png'
    ? { body: await noisePng(fileBytes), contentType: 'image/png', name: 'noise.png' }
    : { body: paddedPdf(fileBytes), contentType: 'application/pdf', name: 'padded.pdf' }

/** The parts of the stack a figure is given for: task-service's replicas, the gateways, the balancers summed. */
const partOf = (name: string) => name.replace(/-\d+$/, '')
const parts = ['task-service', 'nginx', 's3', 'load-balancer', 'gateway', 'postgres']

function cpuMsPer(figures: Record<string, ProcessFigures>, count: number) {
  const seconds: Record<string, number> = {}
  for (const [name, { cpuSeconds }] of Object.entries(figures)) {
    const part = partOf(name)
    if (parts.includes(part)) seconds[part] = (seconds[part] ?? 0) + (cpuSeconds ?? Number.NaN)
  }
  return Object.fromEntries(parts.map((part) => [part, Number((((seconds[part] ?? 0) * 1000) / count).toFixed(2))]))
}

/** CPU of the stack's parts while `work` runs (after it, until `settled()` says its background work is done). */
async function measured(work: () => Promise<void>, settled: () => Promise<boolean>) {
  const watch = watchStack(
    stackComponents(stack.state).filter((c) => parts.includes(partOf(c.name))),
    1000,
  )
  const begin = performance.now()
  await work()
  const seconds = (performance.now() - begin) / 1000
  await waitFor(settled, 30, 100)
  return { seconds, figures: watch.stop() }
}

/** Every event of task-service published (task.attachment.added, task.created): their relay is part of the cost. */
const outboxDrained = async () => {
  const [row] = await stack.serviceSql<{ n: number }>(
    'TASK_DATABASE_URL',
    'select count(*)::int n from outbox where published_at is null',
  )
  return row.n === 0
}

const attachmentRows = async (taskIds: string[], where = 'true') => {
  const [row] = await stack.serviceSql<{ n: number }>(
    'TASK_DATABASE_URL',
    `select count(*)::int n from task_attachments where task_id = any($1) and ${where}`,
    [taskIds],
  )
  return row.n
}

/** Deletes the bench's tasks left by a run that stopped half-way, so their attachments leave the quota. */
async function deleteLeftovers(users: User[]) {
  let deleted = 0
  for (const user of users) {
    for (let more = true; more; ) {
      const { body } = await call('GET', `/tasks?limit=100&q=${encodeURIComponent(taskTitle)}`, user)
      const items = (body.items as { id: string; title: string }[] | undefined) ?? []
      const ours = items.filter((task) => task.title.startsWith(taskTitle))
      await inParallel(ours, 10, (task) => expectStatus(204, call('DELETE', `/tasks/${task.id}`, user)).then(() => {}))
      deleted += ours.length
      more = ours.length > 0
    }
  }
  return deleted
}

interface Timing {
  announce: number
  put: number
  complete: number
}

async function upload(user: User, taskId: string, index: number): Promise<Timing> {
  const t0 = performance.now()
  const announced = await expectStatus(
    201,
    call('POST', `/tasks/${taskId}/attachments`, user, {
      fileName: `${index}-${file.name}`,
      size: file.body.length,
      contentType: file.contentType,
    }),
  )
  const t1 = performance.now()
  const { url, headers } = announced.upload as { url: string; headers: Record<string, string> }
  // The URL may be relative to the API's origin (S3_PUBLIC_URL=/storage): the same NGINX either way.
  const put = await fetch(new URL(url, stack.publicUrl), { method: 'PUT', headers, body: file.body })
  await put.arrayBuffer()
  if (put.status !== 200) throw new Error(`PUT ${index}: ${put.status}`)
  const t2 = performance.now()
  const id = (announced.attachment as { id: string }).id
  await expectStatus(200, call('POST', `/tasks/${taskId}/attachments/${id}/complete`, user))
  return { announce: t1 - t0, put: t2 - t1, complete: performance.now() - t2 }
}

async function round(users: User[], n: number) {
  const userOf = (i: number) => users[i % users.length]
  const taskCount = Math.ceil(uploads / perTask)
  const tasks: string[] = []
  for (let i = 0; i < taskCount; i++) {
    const body = await expectStatus(201, call('POST', '/tasks', userOf(i), { title: `${taskTitle} ${n}.${i}` }))
    tasks.push(body.id as string)
  }
  await waitFor(outboxDrained, 10, 100)
  await sleep(1000)

  // Upload i goes to task i mod taskCount, by that task's owner.
  const timings: Timing[] = []
  const uploaded = await measured(
    async () => {
      const all = Array.from({ length: uploads }, (_, i) => i)
      await Promise.all(
        all.map(async (i) => timings.push(await upload(userOf(i % taskCount), tasks[i % taskCount], i))),
      )
    },
    async () =>
      (await outboxDrained()) &&
      (fileKind !== 'png' || (await attachmentRows(tasks, "status = 'ready' and not thumbnail")) === 0),
  )
  await sleep(1000)

  const created: { id: string; owner: User }[] = []
  const small = await measured(
    () =>
      inParallel(
        Array.from({ length: creates }, (_, i) => i),
        10,
        async (i) => {
          const owner = userOf(i)
          const body = await expectStatus(201, call('POST', '/tasks', owner, { title: `${taskTitle} ${n} small ${i}` }))
          created.push({ id: body.id as string, owner })
        },
      ),
    outboxDrained,
  )

  // Clean up, and wait for the cleanup job to have removed the objects, so the next round starts quiet.
  const everyTask = [...tasks.map((id, i) => ({ id, owner: userOf(i) })), ...created]
  await inParallel(everyTask, 10, async ({ id, owner }) => {
    await expectStatus(204, call('DELETE', `/tasks/${id}`, owner))
  })
  const cleanedUp = await waitFor(async () => (await attachmentRows(tasks)) === 0, 120, 500)

  const megabytes = (uploads * file.body.length) / 1e6
  const result = {
    round: n,
    uploads,
    seconds: Number(uploaded.seconds.toFixed(2)),
    megabytesPerSecond: Number((megabytes / uploaded.seconds).toFixed(1)),
    uploadsPerSecond: Number((uploads / uploaded.seconds).toFixed(1)),
    announce: stats(timings.map((t) => t.announce)),
    put: stats(timings.map((t) => t.put)),
    complete: stats(timings.map((t) => t.complete)),
    cpuMsPerUpload: cpuMsPer(uploaded.figures, uploads),
    createsPerSecond: Number((creates / small.seconds).toFixed(1)),
    cpuMsPerCreate: cpuMsPer(small.figures, creates),
    cleanupSeconds: cleanedUp === undefined ? null : Number(cleanedUp.toFixed(1)),
    load: machine().load,
  }
  console.log(
    `round ${n}: ${uploads} × ${(file.body.length / 1e6).toFixed(2)} MB in ${result.seconds} s — ` +
      `${result.megabytesPerSecond} MB/s, ${result.uploadsPerSecond} uploads/s; ` +
      `announce p50/p99 ${result.announce.p50}/${result.announce.p99} ms, PUT ${result.put.p50}/${result.put.p99} ms, ` +
      `complete ${result.complete.p50}/${result.complete.p99} ms (load ${result.load[0]})`,
  )
  console.log(`  CPU ms per upload ${JSON.stringify(result.cpuMsPerUpload)}`)
  console.log(`  CPU ms per POST /tasks ${JSON.stringify(result.cpuMsPerCreate)} (${result.createsPerSecond}/s)`)
  if (result.cleanupSeconds === null) console.log('  the cleanup had not removed every attachment within 120 s')
  return result
}

const users = await signIn(userCount)
const leftovers = await deleteLeftovers(users)
if (leftovers > 0) console.log(`deleted ${leftovers} tasks a previous run left`)
console.log(
  `${rounds} rounds of ${uploads} uploads of ${file.body.length} bytes (${file.contentType}) by ${users.length} users, ` +
    `and ${creates} POST /tasks, through ${stack.publicUrl}`,
)
const runs: Awaited<ReturnType<typeof round>>[] = []
for (let n = 1; n <= rounds; n++) runs.push(await round(users, n))

type Run = (typeof runs)[number]
const mid = (pick: (run: Run) => number) => Number(median(runs.map(pick)).toFixed(2))
const perPart = (pick: (run: Run) => Record<string, number>) =>
  Object.fromEntries(parts.map((part) => [part, mid((run) => pick(run)[part])]))
const summary = {
  seconds: mid((r) => r.seconds),
  megabytesPerSecond: mid((r) => r.megabytesPerSecond),
  uploadsPerSecond: mid((r) => r.uploadsPerSecond),
  announce: { p50: mid((r) => r.announce.p50), p99: mid((r) => r.announce.p99) },
  put: { p50: mid((r) => r.put.p50), p99: mid((r) => r.put.p99) },
  complete: { p50: mid((r) => r.complete.p50), p99: mid((r) => r.complete.p99) },
  cpuMsPerUpload: perPart((r) => r.cpuMsPerUpload),
  cpuMsPerCreate: perPart((r) => r.cpuMsPerCreate),
  /** task-service's CPU for one upload against one POST /tasks, per round, then the median. */
  uploadToCreate: mid((r) => r.cpuMsPerUpload['task-service'] / r.cpuMsPerCreate['task-service']),
}
console.log(`\nmedians of ${rounds} rounds: ${JSON.stringify(summary)}`)
writeResults('attachments', {
  bench: 'bench/attachments/uploads.ts',
  startedAt,
  machine: { before, after: machine() },
  config: { rounds, uploads, fileBytes: file.body.length, contentType: file.contentType, users: userCount, creates },
  results: { summary, runs },
})
