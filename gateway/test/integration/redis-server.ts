import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export async function freePort(): Promise<number> {
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as { port: number }
  server.close()
  await once(server, 'close')
  return port
}

/** Writes the stack's ACL users into `dir`, rendered from this process's environment as the stack renders them. */
async function writeAclFile(dir: string) {
  const script = fileURLToPath(new URL('../../../scripts/redis-acl.sh', import.meta.url))
  const file = join(dir, 'users.acl')
  await writeFile(file, execFileSync('sh', [script], { env: process.env }), { mode: 0o600 })
  return file
}

/**
 * A throwaway redis-server child process of the test's own, with the stack's users, to stop and start at
 * will. `durable`: an append-only file written on every command (as the stack's Redis keeps one), which
 * a `kill` leaves for the next `start` to load.
 */
export function redisServer(port: number, { durable = false } = {}) {
  let child: ChildProcess | undefined
  let dir: string | undefined
  const persistence = durable ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no']
  const kill = async () => {
    if (child && child.exitCode === null) {
      const exited = once(child, 'exit')
      child.kill('SIGKILL')
      await exited
    }
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    async start() {
      dir ??= await mkdtemp(join(tmpdir(), 'focushub-redis-'))
      const acl = ['--aclfile', await writeAclFile(dir)]
      child = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', ...persistence, ...acl],
        {
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      )
      let output = ''
      for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
        output += chunk.toString()
        if (output.includes('Ready to accept connections')) break
      }
      child.stdout?.resume()
    },
    /** `kill -9`, its files kept for the next start. */
    kill,
    async stop() {
      await kill()
      if (dir) await rm(dir, { recursive: true, force: true })
      dir = undefined
    },
  }
}
