import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'

let child: ChildProcess | undefined
const children: ChildProcess[] = []
afterEach(() => {
  for (const started of children.splice(0)) started.kill('SIGKILL')
})

async function startFixture(listenOn = 0) {
  child = spawn(process.execPath, [fileURLToPath(new URL('../fixtures/slow-server.ts', import.meta.url))], {
    env: { ...process.env, FIXTURE_PORT: String(listenOn) },
  })
  children.push(child)
  let output = ''
  child.stdout?.on('data', (chunk) => {
    output += chunk
  })
  const exited = once(child, 'exit').then(() => true)
  while (!/listening (\d+)/.test(output)) {
    const gone = await Promise.race([once(child.stdout!, 'data').then(() => false), exited])
    if (gone) throw new Error('the fixture exited before it listened')
  }
  const port = Number(/listening (\d+)/.exec(output)?.[1])
  return { port, output: () => output }
}

describe('graceful shutdown', () => {
  it('finishes the request in flight, refuses new ones, closes pools and exits 0', async () => {
    const { port, output } = await startFixture()
    const inFlight = fetch(`http://127.0.0.1:${port}/slow`)
    await new Promise((resolve) => setTimeout(resolve, 200))
    child!.kill('SIGTERM')
    await new Promise((resolve) => setTimeout(resolve, 100))
    await expect(fetch(`http://127.0.0.1:${port}/slow`, { headers: { connection: 'close' } })).rejects.toThrow()
    const response = await inFlight
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ finished: true })
    const [code] = await once(child!, 'exit')
    expect(code).toBe(0)
    expect(output()).toContain('pools closed')
  })

  it('lets a replacement listen on the same port first, so a rolling restart never refuses a connection', async () => {
    const old = await startFixture()
    const oldProcess = child!
    const replacement = await startFixture(old.port)
    expect(replacement.port).toBe(old.port)
    oldProcess.kill('SIGTERM')
    await once(oldProcess, 'exit')
    const response = await fetch(`http://127.0.0.1:${old.port}/slow`)
    expect(response.status).toBe(200)
  })
})
