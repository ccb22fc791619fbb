import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { createServer, type ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterEach, describe, expect, it } from 'vitest'
import { adminHeaders, closeAll, echo, listen, startBalancer, status, upstream, wait } from './support.ts'

const serverPath = new URL('../../src/server.ts', import.meta.url).pathname
const children: ChildProcess[] = []

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
  await closeAll()
})

/** An upstream that answers after `ms`, and says how many requests it holds. */
async function slowUpstream(name: string, ms: number) {
  const held: ServerResponse[] = []
  const url = await listen(
    createServer((_request, res) => {
      held.push(res)
      setTimeout(() => res.end(JSON.stringify({ name })), ms)
    }),
  )
  return { url, held }
}

/** The real server.ts as a child process; resolves with its ports once it logs that it listens. */
async function spawnBalancer(env: Record<string, string>) {
  const child = spawn(process.execPath, [serverPath], {
    env: { ...process.env, LB_PORT: '0', LB_ADMIN_PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  children.push(child)
  const lines = createInterface({ input: child.stdout! })
  for await (const line of lines) {
    const entry = JSON.parse(line) as { msg: string; port: number; adminPort: number }
    if (entry.msg === 'listening') return { child, base: `http://127.0.0.1:${entry.port}`, lines }
  }
  throw new Error('the balancer exited before listening')
}

describe('graceful drain', () => {
  it('finishes in-flight requests on SIGTERM, refuses new ones, then exits', async () => {
    const slow = await slowUpstream('a', 700)
    const { child, base } = await spawnBalancer({ LB_UPSTREAMS: slow.url, SHUTDOWN_TIMEOUT_MS: '5000' })
    const inFlight = Array.from({ length: 5 }, () => fetch(`${base}/x`).then(async (r) => [r.status, await r.text()]))
    while (slow.held.length < 5) await wait(10)
    const exited = once(child, 'exit')
    child.kill('SIGTERM')
    await wait(100)
    await expect(fetch(`${base}/x`)).rejects.toThrow()
    const answers = await Promise.all(inFlight)
    expect(answers).toEqual(Array.from({ length: 5 }, () => [200, '{"name":"a"}']))
    const [code] = await exited
    expect(code).toBe(0)
  })

  it('cuts what is still open when the bound passes', async () => {
    const slow = await slowUpstream('a', 10_000)
    const { child, base } = await spawnBalancer({ LB_UPSTREAMS: slow.url, SHUTDOWN_TIMEOUT_MS: '300' })
    const pending = fetch(`${base}/x`).then(
      () => 'answered',
      () => 'cut',
    )
    while (slow.held.length < 1) await wait(10)
    child.kill('SIGTERM')
    await once(child, 'exit')
    // Cut, not answered: the balancer left at its bound, long before the upstream's 10 s.
    expect(await pending).toBe('cut')
  })

  it('re-reads LB_UPSTREAMS_FILE on SIGHUP', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lb-'))
    const file = join(dir, 'upstreams')
    const a = await upstream('a')
    const b = await upstream('b')
    await writeFile(file, `${a}\n`)
    const { child, base } = await spawnBalancer({ LB_UPSTREAMS_FILE: file })
    expect((await echo(await fetch(`${base}/x`))).name).toBe('a')
    await writeFile(file, `# a is retired\n${b}|3\n`)
    child.kill('SIGHUP')
    let names = ''
    for (let i = 0; i < 50 && !names.endsWith('bb'); i++) {
      names += (await echo(await fetch(`${base}/x`))).name
      await wait(20)
    }
    expect(names).toMatch(/bb$/)
    expect(child.exitCode).toBeNull()
  })
})

describe('reload', () => {
  it('swaps upstreams without dropping requests in flight to a removed one', async () => {
    const slow = await slowUpstream('a', 500)
    const b = await upstream('b')
    const { base, admin } = await startBalancer([slow.url])
    const inFlight = Array.from({ length: 4 }, () => fetch(`${base}/x`).then(async (r) => [r.status, await r.text()]))
    while (slow.held.length < 4) await wait(10)
    const put = await fetch(`${admin}/lb/upstreams`, { method: 'PUT', body: `${b}|2`, headers: adminHeaders })
    expect(await put.json()).toMatchObject({ added: [b], removed: [slow.url] })
    expect((await echo(await fetch(`${base}/x`))).name).toBe('b')
    expect(await Promise.all(inFlight)).toEqual(Array.from({ length: 4 }, () => [200, '{"name":"a"}']))
    expect((await status(base)).upstreams.map((u) => u.url)).toEqual([b])
  })
})
