// The virtual users' refresh tokens, kept between runs in the system's temporary directory (one file
// per data set), so a run trades them for access tokens instead of signing everyone in again.
import { readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const fileOf = (domain: string) => join(tmpdir(), `focushub-bench-sessions-${domain}.json`)

export function readSessions(domain: string): Record<string, string> {
  try {
    return JSON.parse(readFileSync(fileOf(domain), 'utf8')) as Record<string, string>
  } catch {
    return {}
  }
}

export function writeSessions(domain: string, sessions: Record<string, string>) {
  writeFileSync(fileOf(domain), JSON.stringify(sessions), { mode: 0o600 })
}
