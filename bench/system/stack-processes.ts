// CPU seconds and peak memory of every process of the running stack during a stretch of the bench,
// read from /proc (Linux). The stack's pids come from supervisord (`./focushub ctl status`, one
// component per process: task-service-1, task-service-2, gateway-1 …) and, for PostgreSQL, from its
// postmaster.pid. A component counts with its child processes (PostgreSQL's backends, NGINX's
// workers), and with the children that ended meanwhile (their time is added to the parent's
// cutime/cstime when it reaps them).
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { notRunningExitCodes, parseStatus, root } from '../drills/stack.ts'

/** USER_HZ: the unit of /proc/<pid>/stat's times; 100 on every Linux this runs on. */
const ticksPerSecond = 100

export interface Component {
  name: string
  pid: number
}

export interface ProcessFigures {
  /** Null when the process ended during the stretch (restarted by someone): its time is lost. */
  cpuSeconds: number | null
  /** One process: VmRSS. Several (PostgreSQL, NGINX): the sum of their PSS, so shared memory counts once. */
  peakRssMiB: number
  processes: number
}

const readText = (path: string) => {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return undefined
  }
}

/** `./focushub ctl status` of the stack in `stateDir`: also an answer when it exits saying some process is not running. */
function supervisorStatus(stateDir: string) {
  const options = { cwd: root, env: { ...process.env, FOCUSHUB_STATE_DIR: stateDir }, encoding: 'utf8' as const }
  try {
    return execFileSync(join(root, 'focushub'), ['ctl', 'status'], options)
  } catch (error) {
    const failed = error as { status?: number; stdout?: string }
    if (failed.status !== undefined && notRunningExitCodes.includes(failed.status)) return failed.stdout ?? ''
    throw error
  }
}

export function stackComponents(stateDir: string): Component[] {
  // PostgreSQL by its postmaster.pid: the postmaster's own record of its pid.
  const components = parseStatus(supervisorStatus(stateDir))
    .filter((supervised) => supervised.name !== 'postgres')
    .map(({ name, pid }) => ({ name, pid }))
  components.push({
    name: 'postgres',
    pid: Number(readText(join(stateDir, 'postgres', 'postmaster.pid'))?.split('\n')[0]),
  })
  return components.filter((component) => component.pid > 0 && readText(`/proc/${component.pid}/stat`))
}

/** state, ppid, … of /proc/<pid>/stat: the fields after the command name (which may hold spaces). */
function statFields(pid: number) {
  const stat = readText(`/proc/${pid}/stat`)
  return stat?.slice(stat.lastIndexOf(')') + 2).split(' ')
}

function childrenByParent() {
  const children = new Map<number, number[]>()
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    const ppid = Number(statFields(Number(entry))?.[1])
    if (ppid) children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)])
  }
  return children
}

function treeOf(pid: number, children: Map<number, number[]>): number[] {
  return [pid, ...(children.get(pid) ?? []).flatMap((child) => treeOf(child, children))]
}

function cpuTicks(root: number, tree: number[]) {
  let ticks = 0
  for (const pid of tree) {
    const fields = statFields(pid)
    if (!fields) continue
    ticks += Number(fields[11]) + Number(fields[12])
    if (pid === root) ticks += Number(fields[13]) + Number(fields[14])
  }
  return ticks
}

const kib = (text: string | undefined, field: string) =>
  Number(new RegExp(`${field}:\\s+(\\d+)`).exec(text ?? '')?.[1] ?? 0)

function memoryKiB(tree: number[]) {
  if (tree.length === 1) return kib(readText(`/proc/${tree[0]}/status`), 'VmRSS')
  return tree.reduce((sum, pid) => sum + kib(readText(`/proc/${pid}/smaps_rollup`), 'Pss'), 0)
}

/** Samples the components until stopped: CPU as the difference between start and stop, memory at its peak. */
export function watchStack(components: Component[], intervalMs = 500) {
  const trees = () => {
    const children = childrenByParent()
    return components.map((component) => treeOf(component.pid, children))
  }
  const startTicks = trees().map((tree, i) => cpuTicks(components[i].pid, tree))
  const peakKiB = components.map(() => 0)
  const processes = components.map(() => 0)
  const sample = () => {
    trees().forEach((tree, i) => {
      peakKiB[i] = Math.max(peakKiB[i], memoryKiB(tree))
      processes[i] = Math.max(processes[i], tree.length)
    })
  }
  sample()
  const timer = setInterval(sample, intervalMs)
  return {
    stop(): Record<string, ProcessFigures> {
      clearInterval(timer)
      sample()
      const endTicks = trees().map((tree, i) => cpuTicks(components[i].pid, tree))
      return Object.fromEntries(
        components.map((component, i) => [
          component.name,
          {
            cpuSeconds: statFields(component.pid) ? (endTicks[i] - startTicks[i]) / ticksPerSecond : null,
            peakRssMiB: Math.round(peakKiB[i] / 102.4) / 10,
            processes: processes[i],
          },
        ]),
      )
    },
  }
}
