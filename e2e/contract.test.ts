import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventually, signUp } from './client.ts'
import { edgeUrl } from './stack.ts'

/**
 * The merged OpenAPI document against the running API: schemathesis (installed by
 * `./focushub install` into the state folder) generates valid and invalid requests for every
 * operation and runs every conformance check on each answer — status, content type, headers and
 * body as declared, valid requests accepted, invalid ones refused, 405 + Allow for undeclared methods.
 */
const root = resolve(import.meta.dirname, '..')
const schemathesis = join(resolve(root, process.env.FOCUSHUB_STATE_DIR ?? '.focushub'), 'tools/schemathesis/bin/st')

/** Bounded, so a run takes about three minutes on two cores; the seed makes a failure reproducible. */
const maxExamples = 10
const seed = 20261206
/**
 * How many users a run's operations are spread over (scripts/contract-hooks.py): a run sends a few
 * thousand requests, each user's rate-limit budget is RATE_LIMIT_MAX a minute.
 */
const users = 12

/**
 * Operations that end the caller's own sign-in or account: left out of the main run, whose user
 * must stay signed in, and each run on a user of its own.
 */
const endingTheSignIn = ['POST /api/v1/auth/logout-all', 'POST /api/v1/auth/password', 'DELETE /api/v1/auth/me']

let workDir: string

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'focushub-contract-'))
  // A gateway that started before a service has not merged that service's document yet.
  await eventually(
    async () =>
      (await (await fetch(`${edgeUrl}/api/v1/openapi.json`)).json()) as {
        'x-focushub-sources': Record<string, { status: string }>
      },
    (document) => Object.values(document['x-focushub-sources']).every((source) => source.status === 'ok'),
    30_000,
  )
})

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true })
})

/** One schemathesis run, as new users, in its own folder (it writes reports and examples beside it). */
async function schemathesisRun(filters: string[]): Promise<{ code: number | null; output: string }> {
  const tokens = await Promise.all(Array.from({ length: users }, async () => (await signUp()).accessToken))
  const env = {
    ...process.env,
    NO_COLOR: '1',
    SCHEMATHESIS_HOOKS: join(root, 'scripts/contract-hooks.py'),
    FOCUSHUB_CONTRACT_TOKENS: tokens.join(','),
  }
  const args = [
    '--config-file',
    join(root, 'scripts/contract-schemathesis.toml'),
    'run',
    `${edgeUrl}/api/v1/openapi.json`,
    '--checks',
    'all',
    '--max-examples',
    String(maxExamples),
    '--seed',
    String(seed),
    '--generation-database',
    'none',
    // Two requests in flight: the run waits on the stack, not on the cores (half the time of one at a time).
    '--workers',
    '2',
    '--no-color',
    ...filters,
  ]
  return new Promise((resolvePromise, reject) => {
    const child = spawn(schemathesis, args, { cwd: workDir, env })
    let output = ''
    child.stdout.on('data', (chunk) => {
      output += chunk
    })
    child.stderr.on('data', (chunk) => {
      output += chunk
    })
    child.on('error', reject)
    child.on('close', (code) => resolvePromise({ code, output }))
  })
}

/** Schemathesis's own account of what failed: each failure with its reproduction, then the summary. */
const failuresOf = (output: string) => output.slice(Math.max(0, output.indexOf('FAILURES')))

describe('the OpenAPI contract', () => {
  it('holds for every operation under every schemathesis check', { timeout: 600_000 }, async () => {
    expect(existsSync(schemathesis), `${schemathesis} is missing: run ./focushub install`).toBe(true)
    const { code, output } = await schemathesisRun(endingTheSignIn.flatMap((name) => ['--exclude-name', name]))
    expect(code, `schemathesis found contract failures:\n${failuresOf(output)}`).toBe(0)
  })

  for (const name of endingTheSignIn) {
    it(`holds for ${name}, on a user of its own`, { timeout: 120_000 }, async () => {
      const { code, output } = await schemathesisRun(['--include-name', name])
      expect(code, `schemathesis found contract failures:\n${failuresOf(output)}`).toBe(0)
    })
  }
})
