import { STATUS_CODES } from 'node:http'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { AppError, errors, type FieldError, problemTypeBase } from '../errors.ts'
import { isDependencyUnavailable } from './unavailable.ts'

export const problemContentType = 'application/problem+json; charset=utf-8'

export interface ProblemDocument {
  type: string
  title: string
  status: number
  detail: string
  /** The stable code clients switch on (the last segment of `type`); each service's catalogue lists its own. */
  code: string
  requestId: string
  errors?: FieldError[]
  [extension: string]: unknown
}

export function problemDocument(
  status: number,
  code: string,
  detail: string,
  requestId: string,
  extras: Record<string, unknown> = {},
): ProblemDocument {
  return {
    type: `${problemTypeBase}${code}`,
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    code,
    requestId,
    ...extras,
  }
}

/** Schemas validate with every error collected; an answer names at most this many. */
const maxFieldErrors = 20

/** Each offending field once (a union's branches each fail on it), at most maxFieldErrors of them. */
function fieldErrors(error: FastifyError): FieldError[] {
  const context = error.validationContext ?? 'body'
  const byField = new Map<string, FieldError>()
  for (const issue of error.validation ?? []) {
    const params = issue.params as { missingProperty?: string; additionalProperty?: string }
    const leaf = params.missingProperty ?? params.additionalProperty
    const field = `/${context}${issue.instancePath}${leaf ? `/${leaf}` : ''}`
    const message = issue.keyword === 'additionalProperties' ? 'is not a known field' : (issue.message ?? 'is invalid')
    if (!byField.has(field)) byField.set(field, { field, message })
    if (byField.size === maxFieldErrors) break
  }
  return [...byField.values()]
}

/**
 * A value the database refused for itself (SQLSTATE class 22, data exception: a number out of its
 * column's range, a NUL character in text) that no schema stopped first: the request's fault, 400,
 * though a schema bound is missing (logged as a warning).
 */
const isRefusedValue = (error: FastifyError) =>
  typeof error.code === 'string' && error.code.startsWith('22') && 'routine' in error

function toAppError(error: FastifyError): AppError | undefined {
  if (error instanceof AppError) return error
  if (error.validation) {
    const fields = fieldErrors(error)
    return new AppError(400, 'validation-failed', 'The request is not valid', { errors: fields })
  }
  const status = error.statusCode ?? 500
  if (status >= 400 && status < 500) {
    const code = (error.code ?? 'bad-request')
      .toLowerCase()
      .replace(/^fst_err_/, '')
      .replaceAll('_', '-')
    return new AppError(status, code, error.message)
  }
  if (isDependencyUnavailable(error))
    return errors.unavailable('A dependency of this service is unavailable; try again shortly')
  if (isRefusedValue(error)) return new AppError(400, 'validation-failed', 'A value of the request cannot be stored')
  return undefined
}

export function sendProblem(reply: FastifyReply, error: AppError) {
  const { errors, headers, details } = error.extras
  if (headers) reply.headers(headers)
  const body = problemDocument(error.status, error.code, error.message, String(reply.request.id), {
    ...(errors ? { errors } : {}),
    ...details,
  })
  return reply.code(error.status).type(problemContentType).send(body)
}

const frameworkDetails: Record<string, string> = {
  FST_ERR_BAD_URL: 'The URL is not well formed',
  FST_ERR_MAX_PARAM_LENGTH: 'A path parameter is too long',
}

/**
 * Fastify's `frameworkErrors`: what its router refuses before any route runs is problem+json too.
 * A path parameter over the router's length bound is bad input like any other (400, as the OpenAPI
 * document declares for every route that reads input), not Fastify's 414: the URI is not too long.
 */
export function sendFrameworkProblem(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  const refused = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 400 : error.statusCode
  const status = refused && refused >= 400 && refused < 500 ? refused : 400
  const code = (error.code ?? 'bad-request')
    .toLowerCase()
    .replace(/^fst_err_/, '')
    .replaceAll('_', '-')
  return sendProblem(reply, new AppError(status, code, frameworkDetails[error.code] ?? 'The request is not valid'))
}

/** One place where every error becomes application/problem+json; never a stack trace. */
export function registerProblemHandlers(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const known = toAppError(error)
    if (known) {
      if (known.status >= 500 || isRefusedValue(error)) request.log.warn({ err: error }, known.message)
      return sendProblem(reply, known)
    }
    request.log.error({ err: error }, 'unhandled error')
    return sendProblem(reply, new AppError(500, 'internal', 'An unexpected error occurred'))
  })
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, new AppError(404, 'not-found', `No route for ${request.method} ${request.url.split('?')[0]}`)),
  )
}
