import { STATUS_CODES } from 'node:http'

export interface FieldError {
  /** JSON pointer or dotted path of the offending field, e.g. `/body/email` */
  field: string
  message: string
}

export interface ProblemExtras {
  errors?: FieldError[]
  headers?: Record<string, string>
  /** Extra members rendered into the problem document (RFC 9457 extension members). */
  details?: Record<string, unknown>
}

/**
 * An expected failure with a stable code and an HTTP status. Thrown once where it is found,
 * rendered as application/problem+json in one place (http/problem.ts).
 */
export class AppError<Code extends string = string> extends Error {
  readonly status: number
  readonly code: Code
  readonly extras: ProblemExtras

  constructor(status: number, code: Code, detail: string, extras: ProblemExtras = {}) {
    super(detail)
    this.name = 'AppError'
    this.status = status
    this.code = code
    this.extras = extras
  }

  get title(): string {
    return STATUS_CODES[this.status] ?? 'Error'
  }
}

export const problemTypeBase = 'https://focushub.dev/problems/'

/** What a code means: its HTTP status and one line for the service's README and OpenAPI document. */
export interface ErrorDefinition {
  status: number
  meaning: string
}

export interface ErrorCatalogue<Code extends string> {
  readonly definitions: Readonly<Record<Code, ErrorDefinition>>
  /** The failure `code`, with this occurrence's detail; its status comes from the catalogue. */
  error<C extends Code>(code: C, detail: string, extras?: ProblemExtras): AppError<C>
}

/**
 * A service's failures declared once (as fastify's `lib/errors.js`): each distinct failure one stable
 * kebab-case code that clients switch on, beside the generic ones of `errors` below.
 */
export function errorCatalogue<const Code extends string>(
  definitions: Record<Code, ErrorDefinition>,
): ErrorCatalogue<Code> {
  return {
    definitions,
    error: (code, detail, extras) => new AppError(definitions[code].status, code, detail, extras),
  }
}

/** The failures every service shares; a service's own are in its `src/errors.ts`. */
export const genericErrors = errorCatalogue({
  'validation-failed': { status: 400, meaning: 'The request does not match its schema; `errors` names each field' },
  unauthorized: { status: 401, meaning: 'No valid access token (or service credential)' },
  forbidden: { status: 403, meaning: 'Your role may not do this' },
  'insufficient-scope': {
    status: 403,
    meaning: 'A personal access token lacks the scope this route needs (`scope` names it), or may not be used here',
  },
  'not-found': { status: 404, meaning: 'No such route, or no such object of yours' },
  'method-not-allowed': { status: 405, meaning: 'The path is served, not with this method: `Allow` lists those it is' },
  'precondition-failed': { status: 412, meaning: 'The object changed since you read it (stale `version` / If-Match)' },
  'idempotency-key-reused': { status: 422, meaning: 'The Idempotency-Key was used for a different request' },
  'too-many-requests': { status: 429, meaning: 'Rate limited: wait `Retry-After` seconds' },
  internal: { status: 500, meaning: 'An unexpected error (logged with the request id)' },
  'bad-gateway': { status: 502, meaning: 'A service this one calls answered wrongly' },
  'service-unavailable': { status: 503, meaning: 'A dependency is down: retry after `Retry-After` seconds' },
  'gateway-timeout': { status: 504, meaning: 'A service this one calls did not answer in time' },
})

const generic = genericErrors.error

export const errors = {
  validation: (detail: string, fieldErrors: FieldError[]) =>
    generic('validation-failed', detail, { errors: fieldErrors }),
  unauthorized: (detail = 'A valid access token is required') => generic('unauthorized', detail),
  forbidden: (detail = 'You may not do this') => generic('forbidden', detail),
  notFound: (detail = 'Not found') => generic('not-found', detail),
  methodNotAllowed: (detail: string, allowed: string[]) =>
    generic('method-not-allowed', detail, { headers: { allow: allowed.join(', ') } }),
  preconditionFailed: (detail = 'The resource changed since you read it') => generic('precondition-failed', detail),
  idempotencyKeyReused: () =>
    generic('idempotency-key-reused', 'This Idempotency-Key was used for a different request'),
  tooManyRequests: (detail: string, retryAfterSeconds: number) =>
    generic('too-many-requests', detail, { headers: { 'retry-after': String(retryAfterSeconds) } }),
  badGateway: (detail: string) => generic('bad-gateway', detail),
  unavailable: (detail: string, retryAfterSeconds = 5) =>
    generic('service-unavailable', detail, { headers: { 'retry-after': String(retryAfterSeconds) } }),
  gatewayTimeout: (detail: string) => generic('gateway-timeout', detail),
}
