// The memory of one running Node process of the stack, from outside it: resident set from
// /proc/<pid>/status, and V8's own heap figures from a diagnostic report that the process writes when it
// gets SIGURG (./focushub starts every Node process with --report-on-signal --report-signal=SIGURG and
// its reports in <state>/reports; a process started otherwise ignores the signal and has no heap figures).
import { readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'

export interface MemorySample {
  /** VmRSS: everything resident, the Node binary's shared pages (~50 MB, the same in every process) included. */
  rssMiB: number
  /** RssAnon: the process's own memory (JavaScript heap, malloc, stacks), shared with nothing. */
  anonMiB: number
  /** Null when the process wrote no report within the wait (not started by ./focushub, or busy). */
  heap: { usedMiB: number; committedMiB: number; externalMiB: number } | null
}

const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10

const statusKiB = (status: string, field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0)

/** Whether <pid> is a Node process (the pid files also name Kafka, Redis and NGINX). */
export function isNode(pid: number) {
  try {
    const argv0 = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0]
    return argv0 === 'node' || argv0.endsWith('/node')
  } catch {
    return false
  }
}

interface Report {
  javascriptHeap: { usedMemory: number; totalCommittedMemory: number; externalMemory: number }
}

async function heapOf(pid: number, reportDir: string, timeoutMs = 5000) {
  const mine = (name: string) => name.startsWith('report.') && name.includes(`.${pid}.`) && name.endsWith('.json')
  const existing = () => {
    try {
      return readdirSync(reportDir).filter(mine)
    } catch {
      return []
    }
  }
  // Left by an earlier run that stopped halfway: not this sample's.
  for (const name of existing()) rmSync(join(reportDir, name), { force: true })
  process.kill(pid, 'SIGURG')
  const deadline = performance.now() + timeoutMs
  while (performance.now() < deadline) {
    for (const name of existing()) {
      try {
        const report = JSON.parse(readFileSync(join(reportDir, name), 'utf8')) as Report
        rmSync(join(reportDir, name), { force: true })
        const heap = report.javascriptHeap
        return {
          usedMiB: mib(heap.usedMemory),
          committedMiB: mib(heap.totalCommittedMemory),
          externalMiB: mib(heap.externalMemory),
        }
      } catch {
        // Still being written.
      }
    }
    await sleep(50)
  }
  return null
}

/** Null when the process is gone (someone restarted it). */
export async function sampleMemory(pid: number, reportDir: string): Promise<MemorySample | null> {
  let status: string
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8')
  } catch {
    return null
  }
  const heap = await heapOf(pid, reportDir)
  return { rssMiB: mib(statusKiB(status, 'VmRSS') * 1024), anonMiB: mib(statusKiB(status, 'RssAnon') * 1024), heap }
}
