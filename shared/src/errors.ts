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
export class AppError extends Error {
  readonly status: number
  readonly code: string
  readonly extras: ProblemExtras

  constructor(status: number, code: string, detail: string, extras: ProblemExtras = {}) {
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

export const errors = {
  validation: (detail: string, fieldErrors: FieldError[]) =>
    new AppError(400, 'validation-failed', detail, { errors: fieldErrors }),
  badRequest: (detail: string) => new AppError(400, 'bad-request', detail),
  unauthorized: (detail = 'A valid access token is required') => new AppError(401, 'unauthorized', detail),
  forbidden: (detail = 'You may not do this') => new AppError(403, 'forbidden', detail),
  notFound: (detail = 'Not found') => new AppError(404, 'not-found', detail),
  conflict: (detail: string, details?: Record<string, unknown>) =>
    new AppError(409, 'conflict', detail, details ? { details } : {}),
  gone: (detail: string) => new AppError(410, 'gone', detail),
  preconditionFailed: (detail = 'The resource changed since you read it') =>
    new AppError(412, 'precondition-failed', detail),
  unprocessable: (detail: string, fieldErrors: FieldError[] = []) =>
    new AppError(422, 'unprocessable', detail, { errors: fieldErrors }),
  tooManyRequests: (detail: string, retryAfterSeconds: number) =>
    new AppError(429, 'too-many-requests', detail, { headers: { 'retry-after': String(retryAfterSeconds) } }),
  badGateway: (detail: string) => new AppError(502, 'bad-gateway', detail),
  unavailable: (detail: string, retryAfterSeconds = 5) =>
    new AppError(503, 'service-unavailable', detail, { headers: { 'retry-after': String(retryAfterSeconds) } }),
  gatewayTimeout: (detail: string) => new AppError(504, 'gateway-timeout', detail),
}
