import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'

let child: ChildProcess | undefined
afterEach(() => child?.kill('SIGKILL'))

async function startFixture() {
  child = spawn(process.execPath, [fileURLToPath(new URL('../fixtures/slow-server.ts', import.meta.url))])
  let output = ''
  child.stdout?.on('data', (chunk) => {
    output += chunk
  })
  while (!/listening (\d+)/.test(output)) await once(child.stdout!, 'data')
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
})
