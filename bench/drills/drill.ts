// What every drill receives and answers.
import type { Stack } from './stack.ts'
import type { DrillUser } from './traffic.ts'

export interface DrillContext {
  stack: Stack
  /** Users of the background GET load, enough to keep it under the per-user rate limit. */
  users: DrillUser[]
  /** Three more users for writes (tasks, focus sessions), so their budget is their own. */
  writers: DrillUser[]
  /** GET requests per second of the background load. */
  rate: number
  log: (line: string) => void
}

export interface DrillResult {
  pass: boolean
  /** The figures, one line each; the first is the verdict's reason. */
  figures: string[]
}

export interface Drill {
  name: string
  summary: string
  run(context: DrillContext): Promise<DrillResult>
}

export const seconds = (name: string, fallback: number) => Number(process.env[name] ?? fallback)
