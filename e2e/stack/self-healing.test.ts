import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Answer, type SignedUp, send, signUp } from '../client.ts'

/**
 * The stack heals itself (README, "Processes and self-healing"): a Node process killed with SIGKILL is
 * started again by supervisord within seconds, and the hops before it send what it had in flight
 * again, so clients see nothing. This file kills processes of the shared stack, so it runs alone,
 * after every other file (vitest.config.ts, project `stack`). bench/drills' process-kill does the
 * same to every process, with event checks.
 */

const run = promisify(execFile)
const root = new URL('../../', import.meta.url).pathname
const env = process.env

async function pidOf(process: string) {
  // supervisorctl answers 0 for a process that is not running, and exits non-zero then.
  const answer = await run(join(root, 'focushub'), ['ctl', 'pid', process], { cwd: root }).catch((error) => error)
  return Number(String(answer.stdout).trim()) || 0
}

async function listens(pid: number, port: string) {
  const { stdout } = await run('ss', ['-Hltnp', `sport = :${port}`])
  return stdout.includes(`pid=${pid},`)
}

interface Outcome {
  method: string
  status: number
  /** A problem's code, so a failure says what it was. */
  code?: string
}

/** Until stopped, each user in turn lists its tasks and creates one with an Idempotency-Key (~10 requests/s in all). */
function steadyTraffic(users: SignedUp[]) {
  const outcomes: Outcome[] = []
  const titles = new Map<SignedUp, string[]>(users.map((user) => [user, []]))
  let stopped = false
  const loops = users.map(async (user) => {
    while (!stopped) {
      const listed = await send('GET', '/tasks?limit=5', { authorization: user.authorization })
      outcomes.push({ method: 'GET', status: listed.status, code: listed.body?.code })
      const title = `self-healing ${randomUUID()}`
      const created = await send('POST', '/tasks', {
        authorization: user.authorization,
        headers: { 'idempotency-key': randomUUID() },
        body: { title },
      })
      outcomes.push({ method: 'POST', status: created.status, code: created.body?.code })
      titles.get(user)?.push(title)
      await sleep(200)
    }
  })
  return {
    outcomes,
    titles,
    async stop() {
      stopped = true
      await Promise.all(loops)
    },
  }
}

async function allTitles(user: SignedUp) {
  const titles: string[] = []
  let cursor: string | null = null
  do {
    const page: Answer<{ items: { title: string }[]; nextCursor: string | null }> = await send(
      'GET',
      `/tasks?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
      {
        authorization: user.authorization,
      },
    )
    expect(page.status).toBe(200)
    titles.push(...page.body.items.map((task) => task.title))
    cursor = page.body.nextCursor
  } while (cursor)
  return titles
}

describe('a Node process killed under traffic', () => {
  let users: SignedUp[]
  let traffic: ReturnType<typeof steadyTraffic>

  beforeAll(async () => {
    users = await Promise.all([1, 2, 3].map(() => signUp()))
    traffic = steadyTraffic(users)
  })
  afterAll(() => traffic?.stop())

  // One of each kind: a service replica (its sibling shares the port), a gateway (the balancer has the
  // other), a balancer replica (NGINX retries on its sibling).
  const victims = [
    { process: 'task-service:task-service-1', port: env.TASK_SERVICE_PORT ?? '3002' },
    { process: 'gateway:gateway-1', port: (env.GATEWAY_REPLICA_PORTS ?? '3000,3100').split(',')[0] },
    { process: 'load-balancer:load-balancer-1', port: env.LB_PORT ?? '8080' },
  ]

  it.each(victims)('$process is back within 5 s, and no request fails', async ({ process: name, port }) => {
    const before = traffic.outcomes.length
    const killed = await pidOf(name)
    expect(killed).toBeGreaterThan(0)
    const started = performance.now()
    process.kill(killed, 'SIGKILL')
    // supervisord's pid first (it respawns within a second), then only `ss`: each `ctl pid` is a
    // bash and a Python process, CPU the restarting process would otherwise share.
    let back = 0
    let respawned = 0
    while (performance.now() - started < 10_000) {
      if (!respawned) {
        const pid = await pidOf(name)
        if (pid > 0 && pid !== killed) respawned = pid
      } else if (await listens(respawned, port)) {
        back = performance.now() - started
        break
      }
      await sleep(100)
    }
    expect(back, 'milliseconds until the new process listens').toBeGreaterThan(0)
    expect(back).toBeLessThan(5_000)
    // Traffic went on through the kill and the restart.
    await expect.poll(() => traffic.outcomes.length - before).toBeGreaterThan(10)
    expect(traffic.outcomes.filter((outcome) => outcome.status >= 300)).toEqual([])
  })

  it('created every keyed task exactly once', async () => {
    await traffic.stop()
    expect(traffic.outcomes.filter((outcome) => outcome.status >= 300)).toEqual([])
    for (const user of users) {
      const sent = traffic.titles.get(user) ?? []
      const stored = await allTitles(user)
      expect(stored.filter((title) => title.startsWith('self-healing ')).sort()).toEqual([...sent].sort())
    }
  })
})
