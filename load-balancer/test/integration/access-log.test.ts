import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { afterEach, describe, expect, it } from 'vitest'
import { closeAll, upstream } from './support.ts'

const serverPath = new URL('../../src/server.ts', import.meta.url).pathname

afterEach(closeAll)

describe('access log', () => {
  it('writes one line per proxied request with its id, upstream, status and time, and nothing secret (no share-link token)', async () => {
    const a = await upstream('a')
    const child = spawn(process.execPath, [serverPath], {
      env: {
        ...process.env,
        LB_PORT: '0',
        LB_ADMIN_PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        LB_ACCESS_LOG: 'true',
        LB_UPSTREAMS: a,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    const entries: Record<string, unknown>[] = []
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })
    const listening = new Promise<number>((resolve) =>
      lines.on('line', (line) => {
        const entry = JSON.parse(line) as Record<string, unknown>
        entries.push(entry)
        if (entry.msg === 'listening') resolve(entry.port as number)
      }),
    )
    const port = await listening
    const response = await fetch(`http://127.0.0.1:${port}/api/v1/tasks?limit=5`, {
      headers: { 'x-request-id': 'access-log-1', authorization: 'Bearer secret-token' },
    })
    expect(response.status).toBe(200)
    await response.text()
    const shareToken = `${'S'.repeat(21)}-${'t'.repeat(21)}`
    for (const path of [`/api/v1/focus/public/${shareToken}`, `/api/v1/focus/%70ublic/${shareToken}`])
      await (await fetch(`http://127.0.0.1:${port}${path}`, { headers: { 'x-request-id': 'access-log-2' } })).text()
    child.kill('SIGTERM')
    await once(child, 'exit')

    const proxied = entries.filter((entry) => entry.msg === 'proxied')
    expect(proxied).toHaveLength(3)
    expect(proxied.slice(1).map((entry) => entry.url)).toEqual([
      '/api/v1/focus/public/[redacted]',
      '/api/v1/focus/public/[redacted]',
    ])
    expect(JSON.stringify(entries)).not.toContain(shareToken)
    expect(proxied[0]).toMatchObject({
      level: 'info',
      service: 'load-balancer',
      requestId: 'access-log-1',
      method: 'GET',
      url: '/api/v1/tasks?limit=5',
      status: 200,
      upstream: a,
      attempts: 1,
    })
    expect(proxied[0].ms).toEqual(expect.any(Number))
    expect(Date.parse(proxied[0].time as string)).not.toBeNaN()
    expect(JSON.stringify(entries)).not.toContain('secret-token')
  })
})
