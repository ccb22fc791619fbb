// Replacing one Node process of the stack the way an orchestrator rolls a deployment: the new
// process starts and listens on the same port (SO_REUSEPORT) before the old one gets SIGTERM,
// so the port never refuses a connection. The new pid goes into the stack's pid file.
import { execFile, spawn } from 'node:child_process'
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs'
import { promisify } from 'node:util'
import { root, type Stack, signalAndWait, waitFor } from './stack.ts'

const run = promisify(execFile)

export const processDir = (name: string) => (name.startsWith('gateway-') ? 'gateway' : name)

async function listeningPids(port: number) {
  const { stdout } = await run('ss', ['-Hltnp', `sport = :${port}`])
  return [...stdout.matchAll(/pid=(\d+)/g)].map((match) => Number(match[1]))
}

function environOf(pid: number) {
  const env: Record<string, string> = {}
  for (const entry of readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean)) {
    const at = entry.indexOf('=')
    env[entry.slice(0, at)] = entry.slice(at + 1)
  }
  return env
}

export interface Replacement {
  oldPid: number
  newPid: number
  /** From spawning the new process to its listening on the port. */
  startSeconds: number
  /** From SIGTERM to the old process's exit. */
  drainSeconds: number
}

export async function replaceProcess(stack: Stack, name: string, port: number): Promise<Replacement> {
  const dir = processDir(name)
  const oldPid = stack.pidOf(name, `${dir}/src/server.ts`)
  if (!oldPid) throw new Error(`${name} is not running`)
  const log = openSync(stack.logFile(name), 'a')
  // Same command, working directory and environment as the process it replaces; its own session,
  // as ./focushub starts it, so `./focushub down` stops it like any other.
  const child = spawn(process.execPath, [`${dir}/src/server.ts`], {
    cwd: root,
    env: environOf(oldPid),
    detached: true,
    stdio: ['ignore', log, log],
  })
  closeSync(log)
  child.unref()
  const newPid = child.pid as number
  const startSeconds = await waitFor(async () => (await listeningPids(port)).includes(newPid), 60)
  if (startSeconds === undefined || child.exitCode !== null) {
    child.kill('SIGKILL')
    throw new Error(
      `the new ${name} (pid ${newPid}) did not listen on :${port} within 60 s (see ${stack.logFile(name)}; ` +
        'EADDRINUSE there means the running one predates SO_REUSEPORT: `./focushub restart` it once)',
    )
  }
  writeFileSync(stack.pidFile(name), `${newPid}\n`)
  const drainStarted = performance.now()
  const stopped = await signalAndWait(oldPid, 'SIGTERM', Number(stack.env.SHUTDOWN_TIMEOUT_MS) / 1000 + 5)
  if (!stopped) await signalAndWait(oldPid, 'SIGKILL', 5)
  return { oldPid, newPid, startSeconds, drainSeconds: (performance.now() - drainStarted) / 1000 }
}
