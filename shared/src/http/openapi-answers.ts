import { STATUS_CODES } from 'node:http'
import { problemContentType } from './problem.ts'

/** The parts of a generated OpenAPI 3.1 document this file reads and writes. */
export interface AnswerOperation {
  parameters?: Array<{ name?: string; in?: string }>
  requestBody?: unknown
  security?: unknown[]
  responses?: Record<string, Response>
  [key: string]: unknown
}

interface Response {
  description?: string
  content?: Record<string, { schema?: unknown }>
  headers?: Record<string, unknown>
}

export interface AnswerDocument {
  paths?: Record<string, Record<string, unknown>>
  components?: Record<string, Record<string, unknown>>
  security?: unknown[]
  [key: string]: unknown
}

export const httpMethods = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'])

/** The media type of every problem answer, without its charset parameter (as OpenAPI names media types). */
export const problemMediaType = problemContentType.split(';', 1)[0]

const problemMembers = ['type', 'title', 'status', 'detail', 'code', 'requestId']

/** A response schema whose required members are the problem document's (shared/src/http/schemas.ts `Problem`). */
const isProblemSchema = (schema: unknown) =>
  problemMembers.every((member) => (schema as { required?: string[] } | undefined)?.required?.includes(member))

/** A problem answer's declaration, its schema kept where the route gave one. */
export function problemResponse(status: number, description: string, schema: unknown, headers?: Response['headers']) {
  return {
    description: `${STATUS_CODES[status] ?? 'Error'}: ${description}`,
    ...(headers ? { headers } : {}),
    content: { [problemMediaType]: { schema } },
  }
}

/** Each operation of a document, with the security it runs under (its own, else the document's). */
export function* documentOperations(document: AnswerDocument) {
  for (const [path, pathItem] of Object.entries(document.paths ?? {})) {
    for (const [method, value] of Object.entries(pathItem)) {
      if (!httpMethods.has(method) || value === null || typeof value !== 'object') continue
      const operation = value as AnswerOperation
      yield { path, method, operation, security: operation.security ?? document.security ?? [] }
    }
  }
}

/**
 * Adds the answers an operation can give that its route does not declare, as problem+json with
 * `schema`; a status the route declares is left as it is.
 */
export function declareAnswers(
  operation: AnswerOperation,
  answers: Array<{ status: number; description: string; headers?: Response['headers'] }>,
  schema: unknown,
) {
  operation.responses ??= {}
  for (const { status, description, headers } of answers) {
    operation.responses[status] ??= problemResponse(status, description, schema, headers)
  }
}

/**
 * What every route of a FocusHub process can answer whatever it does, beside what it declares:
 * 400 when it reads any input (validation, a malformed body), 401 when it needs credentials, 403 when
 * it takes a user's token (a personal access token's scopes may not cover it),
 * 413/415 when it takes a body (over the body limit, a media type it does not read), 503 when a
 * dependency is down or the process is shutting down, 500 for the unexpected.
 */
function genericAnswers(operation: AnswerOperation, security: unknown[]) {
  const readsInput = (operation.parameters?.length ?? 0) > 0 || operation.requestBody !== undefined
  const needsCredentials = security.some((requirement) => Object.keys(requirement as object).length > 0)
  const takesUserTokens = security.some((requirement) => 'bearerAuth' in (requirement as object))
  return [
    ...(readsInput ? [{ status: 400, description: 'the request is not valid; `errors[]` names each field' }] : []),
    ...(needsCredentials ? [{ status: 401, description: 'no valid credentials' }] : []),
    ...(takesUserTokens
      ? [
          {
            status: 403,
            description: "a personal access token whose scopes do not cover the route's (`insufficient-scope`)",
          },
        ]
      : []),
    ...(operation.requestBody
      ? [
          { status: 413, description: 'the body is over the size limit' },
          { status: 415, description: 'the body is not in a media type the route reads' },
        ]
      : []),
    { status: 500, description: 'an unexpected error' },
    { status: 503, description: 'a dependency is unavailable, or the process is shutting down; try again shortly' },
  ]
}

/**
 * The generated document made to say what the process answers: every problem answer (routes give
 * the `Problem` schema, @fastify/swagger calls it application/json) declared as
 * application/problem+json against one `Problem` component, and the answers every route can give
 * declared on each operation.
 */
export function declareProblemAnswers<T extends AnswerDocument>(document: T, problemSchema: unknown): T {
  const problem = { $ref: '#/components/schemas/Problem' }
  document.components ??= {}
  document.components.schemas = { ...document.components.schemas, Problem: problemSchema }
  for (const { operation, security } of documentOperations(document)) {
    for (const [status, response] of Object.entries(operation.responses ?? {})) {
      const json = response.content?.['application/json']
      if (Number(status) >= 400 && json && isProblemSchema(json.schema)) {
        response.content = { [problemMediaType]: { schema: problem } }
        if (response.description === 'Default Response') response.description = STATUS_CODES[status]
      }
    }
    declareAnswers(operation, genericAnswers(operation, security), problem)
  }
  return document
}
