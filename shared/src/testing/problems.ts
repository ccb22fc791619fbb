import { readFile } from 'node:fs/promises'
import { expect } from 'vitest'
import type { ErrorCatalogue } from '../errors.ts'
import type { ProblemDocument } from '../http/problem.ts'

/** An RFC 9457 problem document as FocusHub renders one. */
export type ProblemBody = ProblemDocument

/**
 * Asserts that an injected answer is the problem+json of `status` (and of `code`, when given) and
 * returns the problem: every service's tests check errors this one way.
 */
export function expectProblem(
  response: { statusCode: number; headers: Record<string, unknown>; body: string },
  status: number,
  code?: string,
): ProblemBody {
  expect(response.statusCode, response.body).toBe(status)
  expect(String(response.headers['content-type'])).toContain('application/problem+json')
  const problem = JSON.parse(response.body) as ProblemBody
  expect(problem.status).toBe(status)
  if (code) expect([problem.type, problem.code]).toEqual([`https://focushub.dev/problems/${code}`, code])
  return problem
}

/** Asserts that a README's error catalogue has a row `| \`code\` | status | … |` for every code of `catalogue`. */
export async function expectCatalogueDocumented(catalogue: ErrorCatalogue<string>, readme: URL) {
  const text = await readFile(readme, 'utf8')
  const rows = Object.entries(catalogue.definitions).map(([code, { status }]) => `| \`${code}\` | ${status} |`)
  expect(rows.filter((row) => !text.includes(row))).toEqual([])
}
