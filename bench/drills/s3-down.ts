// The attachments' S3 server stopped for DRILL_S3_DOWN_SECONDS (30) while users upload (announce → PUT →
// complete), download, delete attachments and delete whole tasks that have some → the API answers nothing
// but 503 problem+json for what needs the storage, and nothing slower than the gateway's upstream timeout;
// once the server is back (supervisord starts it again), within DRILL_RECOVERY_SECONDS: every attachment
// listed as ready downloads with its bytes, no row is left `deleting`, the objects of everything deleted are
// gone from the storage, and each user's quota row is the sum of their ready and pending attachments.
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { createObjectStorage, type ObjectStorage } from '@focushub/shared/storage'
import sharp from 'sharp'
import { type Drill, seconds } from './drill.ts'
import { type Stack, waitFor } from './stack.ts'
import { api, type DrillUser } from './traffic.ts'

type Phase = 'before' | 'during' | 'after'

interface Answer {
  phase: Phase
  route: string
  status: number
  contentType: string
  ms: number
}

interface Made {
  id: string
  taskId: string
  user: DrillUser
  body: Buffer
  contentType: string
}

/** What the users did and what the API answered them. */
interface Work {
  answers: Answer[]
  /** Every attachment announced, by id. */
  made: Map<string, Made>
  /** Completed (ready) and not deleted. */
  ready: Set<string>
  /** Deleted one by one, or with their task. */
  deleted: Set<string>
  /** Tasks deleted with their attachments. */
  deletedTasks: string[]
  /** Announced, but the PUT or the completion was refused: the client sends them again after the load. */
  unfinished: Set<string>
  /** The presigned PUT of each unfinished upload (valid ATTACHMENT_UPLOAD_TTL_SECONDS: sent again with it). */
  puts: Map<string, { url: string; headers: Record<string, string> }>
  uploads: Record<Phase, number>
  downloads: { ok: number; refused: Record<Phase, number>; wrong: string[] }
}

/** How a route is counted: ids replaced. */
const routeOf = (method: string, path: string) =>
  `${method} ${path.replace(/\?.*$/, '').replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id')}`

const isProblem = (answer: Answer) => answer.contentType.startsWith('application/problem+json')

/** Text files of a few KiB, and small PNGs (so thumbnails are made too), each of its own content. */
async function someFile(i: number) {
  if (i % 3 === 2) {
    const body = await sharp({
      create: { width: 64, height: 48, channels: 3, background: { r: i % 256, g: (i * 7) % 256, b: (i * 13) % 256 } },
    })
      .png()
      .toBuffer()
    return { body, contentType: 'image/png', fileName: `drill-${i}.png` }
  }
  const body = Buffer.from(`s3-down drill ${randomUUID()} ${i}\n`.repeat(1 + (i % 60)))
  return { body, contentType: 'text/plain', fileName: `drill-${i}.txt` }
}

function storageOf(stack: Stack) {
  const { env } = stack
  return createObjectStorage({
    S3_ENDPOINT: `http://127.0.0.1:${env.S3_PORT}`,
    S3_PUBLIC_URL: '',
    S3_REGION: env.S3_REGION,
    S3_BUCKET: env.S3_BUCKET,
    S3_ACCESS_KEY_ID: env.S3_ACCESS_KEY_ID,
    S3_SECRET_ACCESS_KEY: env.S3_SECRET_ACCESS_KEY,
    S3_FORCE_PATH_STYLE: true,
  })
}

/** Every key an attachment may have (attachment-rules.ts objectKeysOf). */
const keysOf = (id: string) => [`uploads/${id}`, `attachments/${id}`, `thumbnails/${id}.webp`]

/**
 * One user's work until `done()`, a round a second: upload; download one of theirs; every 3rd round delete
 * one; a new task every 8th round, their oldest task deleted every 20th.
 */
async function attachmentWork(stack: Stack, user: DrillUser, phase: () => Phase, done: () => boolean, work: Work) {
  const url = `${stack.publicUrl}/api/v1`
  const call = async (method: string, path: string, body?: unknown) => {
    const at = phase()
    const started = performance.now()
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${user.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).catch(() => undefined)
    const text = (await response?.text()) ?? ''
    const answer = {
      phase: at === 'during' || phase() === 'during' ? ('during' as const) : at,
      route: routeOf(method, path),
      status: response?.status ?? 0,
      contentType: response?.headers.get('content-type') ?? '',
      ms: performance.now() - started,
    }
    work.answers.push(answer)
    return { status: answer.status, body: (text.startsWith('{') ? JSON.parse(text) : {}) as Record<string, unknown> }
  }
  const mine = () => [...work.ready].filter((id) => work.made.get(id)?.user === user)

  // The user's tasks, oldest first; uploads go to the newest.
  const tasks: string[] = []
  let wantTask = true
  for (let i = 0; !done(); i++) {
    const roundStarted = performance.now()
    if (wantTask || i % 8 === 0) {
      const created = await call('POST', '/tasks', { title: `s3-down drill ${Date.now().toString(36)} ${i}` })
      if (created.status !== 201) {
        await sleep(500)
        continue
      }
      tasks.push(created.body.id as string)
      wantTask = false
    }
    const task = tasks.at(-1) as string
    // Upload: announce, PUT to the presigned URL, complete.
    const file = await someFile(i)
    const announced = await call('POST', `/tasks/${task}/attachments`, {
      fileName: file.fileName,
      size: file.body.length,
      contentType: file.contentType,
    })
    // The task has its most attachments (pending ones count): the next upload goes to a new one.
    if (announced.status === 409) wantTask = true
    if (announced.status === 201) {
      const id = (announced.body.attachment as { id: string }).id
      const upload = announced.body.upload as { url: string; headers: Record<string, string> }
      const headers = upload.headers
      const putUrl = new URL(upload.url, stack.publicUrl).href
      work.made.set(id, { id, taskId: task, user, body: file.body, contentType: file.contentType })
      const at = phase()
      const put = await fetch(putUrl, { method: 'PUT', headers, body: file.body }).catch(() => undefined)
      await put?.arrayBuffer()
      // A client whose PUT got no good answer asks whether the file landed: completing says (409 when it did
      // not; with the storage away, 503).
      const completed = await call('POST', `/tasks/${task}/attachments/${id}/complete`)
      if (put?.status === 200 && completed.status === 200) {
        work.ready.add(id)
        work.uploads[at]++
      } else {
        work.unfinished.add(id)
        work.puts.set(id, { url: putUrl, headers })
      }
    }
    // Download one of their ready attachments and check its bytes.
    const ready = mine()
    if (ready.length > 0) {
      const id = ready[i % ready.length]
      const made = work.made.get(id) as Made
      const at = phase()
      const link = await call('GET', `/tasks/${made.taskId}/attachments/${id}/download`)
      if (link.status === 200) {
        const file = await fetch(new URL(link.body.url as string, stack.publicUrl)).catch(() => undefined)
        const bytes = file ? Buffer.from(await file.arrayBuffer()) : undefined
        if (file?.status === 200 && bytes?.equals(made.body)) work.downloads.ok++
        else if (file?.status === 200 && work.ready.has(id)) work.downloads.wrong.push(`${id}: other bytes`)
        else work.downloads.refused[at]++
      }
    }
    // Delete one attachment every 3rd round, the oldest task (with what it has) every 20th.
    if (i % 3 === 1 && ready.length > 1) {
      const id = ready[(i * 7) % ready.length]
      const made = work.made.get(id) as Made
      const removed = await call('DELETE', `/tasks/${made.taskId}/attachments/${id}`)
      if (removed.status === 204) {
        work.ready.delete(id)
        work.deleted.add(id)
      }
    }
    if (i % 20 === 19 && tasks.length > 1) {
      const oldest = tasks[0]
      const removed = await call('DELETE', `/tasks/${oldest}`)
      if (removed.status === 204) {
        tasks.shift()
        work.deletedTasks.push(oldest)
        for (const made of work.made.values()) {
          if (made.taskId !== oldest) continue
          work.ready.delete(made.id)
          work.unfinished.delete(made.id)
          work.deleted.add(made.id)
        }
      }
    }
    // One round a second: 3–5 requests, well under the per-user budget (RATE_LIMIT_MAX a minute).
    await sleep(Math.max(0, 1000 - (performance.now() - roundStarted)))
  }
}

/** A call that waits out the user's rate limit (429 and its Retry-After) as a client does: the checks are not the load. */
async function patient(url: string, method: string, user: DrillUser) {
  for (;;) {
    const answer = await api(url, method, undefined, user.token)
    if (answer.status !== 429) return answer
    await sleep(Number(answer.retryAfter ?? 5) * 1000)
  }
}

/** The uploads refused during the outage, sent again and completed as a client does once the storage answers. */
async function finishRefused(stack: Stack, work: Work) {
  let finished = 0
  const failures: string[] = []
  for (const id of work.unfinished) {
    const made = work.made.get(id) as Made
    const put = work.puts.get(id) as { url: string; headers: Record<string, string> }
    const sent = await fetch(put.url, { method: 'PUT', headers: put.headers, body: made.body })
    await sent.arrayBuffer()
    const path = `${stack.publicUrl}/api/v1/tasks/${made.taskId}/attachments/${id}/complete`
    const completed = await patient(path, 'POST', made.user)
    if (sent.status === 200 && completed.status === 200) {
      finished++
      work.ready.add(id)
    } else failures.push(`${id}: PUT ${sent.status}, complete ${completed.status} ${JSON.stringify(completed.body)}`)
  }
  work.unfinished.clear()
  return { finished, failures }
}

interface Row {
  id: string
  status: string
  thumbnail: boolean
  content_type: string
}

/** What is left half done: rows `deleting` or `pending`, objects of deleted attachments, quota rows off their sum. */
async function leftovers(stack: Stack, storage: ObjectStorage, work: Work, userIds: string[]) {
  const rows = await stack.serviceSql<Row>(
    'TASK_DATABASE_URL',
    'select id, status, thumbnail, content_type from task_attachments where id = any($1)',
    [[...work.made.keys()]],
  )
  const byId = new Map(rows.map((row) => [row.id, row]))
  const deleting = rows.filter((row) => row.status === 'deleting').length
  const pending = rows.filter((row) => row.status === 'pending').length
  const deletedButListed = [...work.deleted].filter((id) => byId.has(id)).length
  // The objects of every deleted attachment, and of every announced one whose row is gone (refused, discarded).
  const gone = [...work.made.keys()].filter((id) => !byId.has(id) || work.deleted.has(id))
  const objectsLeft: string[] = []
  for (const id of gone) {
    for (const key of keysOf(id)) if (await storage.head(key)) objectsLeft.push(key)
  }
  const quota = await stack.serviceSql<{ user_id: string; bytes: string; counted: string }>(
    'TASK_DATABASE_URL',
    `select u.user_id, u.bytes::text, coalesce(sum(a.size) filter (where a.status in ('pending', 'ready')), 0)::text counted
       from attachment_usage u left join task_attachments a on a.uploaded_by = u.user_id
      where u.user_id = any($1) group by u.user_id, u.bytes`,
    [userIds],
  )
  const quotaOff = quota.filter((row) => row.bytes !== row.counted)
  return { rows, deleting, pending, deletedButListed, gone: gone.length, objectsLeft, quota, quotaOff }
}

/** The drill's attachments still `deleting` (objects not removed yet) and `pending` (not completed). */
async function rowsWaiting(stack: Stack, work: Work) {
  const [row] = await stack.serviceSql<{ deleting: number; pending: number }>(
    'TASK_DATABASE_URL',
    `select count(*) filter (where status = 'deleting')::int deleting, count(*) filter (where status = 'pending')::int pending
       from task_attachments where id = any($1)`,
    [[...work.made.keys()]],
  )
  return row
}

/** Every attachment the API lists as ready on the users' remaining tasks, downloaded with its presigned GET. */
async function readyDownloads(stack: Stack, work: Work) {
  const tasks = new Map<string, DrillUser>()
  for (const made of work.made.values()) if (!work.deletedTasks.includes(made.taskId)) tasks.set(made.taskId, made.user)
  let listed = 0
  const wrong: string[] = []
  for (const [taskId, user] of tasks) {
    const list = await patient(`${stack.publicUrl}/api/v1/tasks/${taskId}/attachments`, 'GET', user)
    for (const item of (list.body.items as { id: string; size: number }[] | undefined) ?? []) {
      listed++
      const made = work.made.get(item.id)
      const path = `${stack.publicUrl}/api/v1/tasks/${taskId}/attachments/${item.id}/download`
      const link = await patient(path, 'GET', user)
      const file = link.status === 200 ? await fetch(new URL(link.body.url as string, stack.publicUrl)) : undefined
      const bytes = file ? Buffer.from(await file.arrayBuffer()) : Buffer.alloc(0)
      if (file?.status !== 200 || bytes.length !== item.size || (made && !bytes.equals(made.body)))
        wrong.push(`${item.id}: link ${link.status}, GET ${file?.status}, ${bytes.length} of ${item.size} bytes`)
    }
  }
  return { tasks: tasks.size, listed, wrong }
}

const s3Ready = (stack: Stack) =>
  fetch(`http://127.0.0.1:${stack.env.S3_PORT}/health`)
    .then((r) => r.status === 200)
    .catch(() => false)

const count = (answers: Answer[]) =>
  Object.entries(
    answers.reduce<Record<string, number>>((counts, a) => {
      counts[a.status] = (counts[a.status] ?? 0) + 1
      return counts
    }, {}),
  )
    .map(([status, n]) => `${n} × ${status}`)
    .join(', ')

export const s3Down: Drill = {
  name: 's3-down',
  summary: 'the S3 server stopped under attachment work: 503s only while it is down, nothing left half done after',
  async run({ stack, users, writers, log }) {
    const downSeconds = seconds('DRILL_S3_DOWN_SECONDS', 30)
    const recoverySeconds = seconds('DRILL_RECOVERY_SECONDS', 60)
    const upstreamTimeout = Number(stack.env.UPSTREAM_TIMEOUT_MS)
    const people = [...writers, ...users].slice(0, Number(process.env.DRILL_S3_USERS ?? 6))
    const storage = storageOf(stack)
    const userIds = await Promise.all(
      people.map(
        async (user) =>
          (await api(`${stack.publicUrl}/api/v1/auth/me`, 'GET', undefined, user.token)).body.id as string,
      ),
    )
    const work: Work = {
      answers: [],
      made: new Map(),
      ready: new Set(),
      deleted: new Set(),
      deletedTasks: [],
      unfinished: new Set(),
      puts: new Map(),
      uploads: { before: 0, during: 0, after: 0 },
      downloads: { ok: 0, refused: { before: 0, during: 0, after: 0 }, wrong: [] },
    }
    let phase: Phase = 'before'
    let stopping = false
    const load = Promise.all(
      people.map((user) =>
        attachmentWork(
          stack,
          user,
          () => phase,
          () => stopping,
          work,
        ),
      ),
    )
    let backAfter: number | undefined
    let stoppedAfter: number | undefined
    let waiting: Awaited<ReturnType<typeof rowsWaiting>> | undefined
    try {
      await sleep(seconds('DRILL_WARMUP_SECONDS', 10) * 1000)
      log(`stopping the S3 server for ${downSeconds} s (./focushub ctl stop s3)`)
      phase = 'during'
      const stopStarted = performance.now()
      await stack.ctl('stop', 's3')
      stoppedAfter = (performance.now() - stopStarted) / 1000
      await sleep(downSeconds * 1000)
      waiting = await rowsWaiting(stack, work)
    } finally {
      log('starting it again (./focushub ctl start s3)')
      const started = performance.now()
      await stack.ctl('start', 's3')
      if ((await waitFor(() => s3Ready(stack), 60)) !== undefined) backAfter = (performance.now() - started) / 1000
      phase = 'after'
    }
    await sleep(seconds('DRILL_SECONDS', 10) * 1000)
    stopping = true
    await load
    const retried = await finishRefused(stack, work)

    let last = await leftovers(stack, storage, work, userIds)
    const clean = (l: typeof last) =>
      l.deleting === 0 &&
      l.pending === 0 &&
      l.deletedButListed === 0 &&
      l.objectsLeft.length === 0 &&
      l.quotaOff.length === 0
    const recovered = await waitFor(
      async () => {
        last = await leftovers(stack, storage, work, userIds)
        return clean(last)
      },
      recoverySeconds,
      1000,
    )
    const downloads = await readyDownloads(stack, work)
    const images = last.rows.filter((row) => row.status === 'ready' && row.content_type === 'image/png')
    const withoutThumbnail = images.filter((row) => !row.thumbnail).length
    // The keys the check of deleted objects looks for are the ones the service writes: every ready one has its object.
    const readyRows = last.rows.filter((row) => row.status === 'ready')
    let stored = 0
    for (const row of readyRows) if (await storage.head(`attachments/${row.id}`)) stored++
    storage.close()

    const byPhase = (p: Phase) => work.answers.filter((a) => a.phase === p)
    const serverErrors = (p: Phase) => byPhase(p).filter((a) => a.status >= 500 || a.status === 0)
    const wrongDuring = serverErrors('during').filter((a) => a.status !== 503 || !isProblem(a))
    const slow = work.answers.filter((a) => a.ms >= upstreamTimeout)
    const slowest = Math.max(0, ...work.answers.map((a) => a.ms))
    const refusedDuring = serverErrors('during')
    const routes = [...new Set(refusedDuring.map((a) => a.route))]
    const pass =
      serverErrors('before').length === 0 &&
      serverErrors('after').length === 0 &&
      wrongDuring.length === 0 &&
      slow.length === 0 &&
      retried.failures.length === 0 &&
      recovered !== undefined &&
      downloads.wrong.length === 0 &&
      stored === readyRows.length &&
      work.downloads.wrong.length === 0 &&
      work.downloads.refused.before + work.downloads.refused.after === 0
    return {
      pass,
      figures: [
        recovered === undefined
          ? `not clean within ${recoverySeconds} s of the load's end: ${last.deleting} rows deleting, ${last.pending} pending, ${last.objectsLeft.length} objects of deleted attachments left, ${last.quotaOff.length} quota rows off`
          : `nothing left half done ${recovered.toFixed(1)} s after the load stopped; ${serverErrors('before').length + serverErrors('after').length} 5xx before/after, ` +
            `${refusedDuring.length - wrongDuring.length} × 503 problem+json while the storage was down (${wrongDuring.length} other), slowest answer ${slowest.toFixed(0)} ms`,
        `S3 server stopped in ${stoppedAfter?.toFixed(1)} s, then down ${downSeconds} s; answering again ${backAfter?.toFixed(1) ?? 'never'} s after ./focushub ctl start s3`,
        `API answers: before ${count(byPhase('before'))}; during ${count(byPhase('during'))}; after ${count(byPhase('after'))}`,
        ...(routes.length > 0 ? [`  5xx while down on: ${routes.join(', ')}`] : []),
        ...wrongDuring.slice(0, 5).map((a) => `  wrong: ${a.route} ${a.status} ${a.contentType}`),
        ...slow.slice(0, 5).map((a) => `  slow: ${a.route} ${a.status} ${a.ms.toFixed(0)} ms`),
        `at the end of the outage: ${waiting?.deleting} rows deleting (left to the cleanup job), ${waiting?.pending} pending`,
        `uploads completed: ${work.uploads.before} before, ${work.uploads.during} during, ${work.uploads.after} after; ` +
          `refused and finished after: ${retried.finished} (${retried.failures.length} failed)`,
        ...retried.failures.slice(0, 5).map((failure) => `  ${failure}`),
        `downloads checked under load: ${work.downloads.ok} ok, refused by the storage ${JSON.stringify(work.downloads.refused)}, ${work.downloads.wrong.length} wrong bytes`,
        `deleted: ${work.deleted.size} attachments (${work.deletedTasks.length} tasks with theirs); ${last.gone} gone from the database, ${last.objectsLeft.length} of their objects still stored`,
        `ready after: ${downloads.listed} listed on ${downloads.tasks} tasks, ${downloads.wrong.length} not downloadable with their bytes`,
        ...downloads.wrong.slice(0, 5).map((line) => `  ${line}`),
        `rows: ${readyRows.length} ready (${stored} with their object in the storage), ${last.deleting} deleting, ${last.pending} pending; quota rows equal to their ready+pending: ${last.quota.length - last.quotaOff.length} of ${last.quota.length}`,
        `images ready without a thumbnail: ${withoutThumbnail} of ${images.length}`,
      ],
    }
  },
}
