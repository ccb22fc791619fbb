import { type AnswerOperation, declareAnswers, httpMethods } from '@focushub/shared/http'
import { apiPrefix, publicRoutes, type ServiceName } from '../../upstreams.ts'

/** The parts of an OpenAPI 3.1 document the merge reads and writes. */
export interface OpenApiDocument {
  openapi: string
  info: { title: string; version: string; description?: string }
  paths?: Record<string, Record<string, unknown>>
  components?: Record<string, Record<string, unknown>>
  tags?: Array<{ name: string; description?: string }>
  /** The security of every operation that declares none. */
  security?: unknown[]
  [extension: string]: unknown
}

export interface SourceState {
  status: 'ok' | 'unavailable'
  /** When the document in use was fetched (RFC 3339), if one ever was. */
  fetchedAt?: string
  error?: string
}

const bearerAuth = { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }

/** Components kept under one name across services: the bearer scheme every service means alike. */
const sharedSecuritySchemes = new Set(['bearerAuth'])

const componentName = (service: ServiceName, name: string) => `${service}.${name}`

/** Rewrites every local `$ref` of a service's document to its namespaced component. */
function namespaceRefs(value: unknown, service: ServiceName): unknown {
  if (Array.isArray(value)) return value.map((item) => namespaceRefs(item, service))
  if (value === null || typeof value !== 'object') return value
  const result: Record<string, unknown> = {}
  for (const [key, child] of Object.entries(value)) {
    const ref = key === '$ref' && typeof child === 'string' && /^#\/components\/([^/]+)\/(.+)$/.exec(child)
    result[key] = ref ? `#/components/${ref[1]}/${componentName(service, ref[2])}` : namespaceRefs(child, service)
  }
  return result
}

/** True for a public path the gateway proxies to a service (a service's document describes it). */
export const proxied = (path: string) =>
  publicRoutes.some((route) => path === `${apiPrefix}${route.path}` || path.startsWith(`${apiPrefix}${route.path}/`))

export function publicPathOf(service: ServiceName, path: string): string | null {
  const routed = publicRoutes.some(
    (route) => route.service === service && (path === route.path || path.startsWith(`${route.path}/`)),
  )
  return routed ? `${apiPrefix}${path}` : null
}

const integerHeader = (description: string) => ({ description, schema: { type: 'integer', minimum: 0 } })
const rateLimitHeaders = {
  'Retry-After': integerHeader('Seconds until the budget allows another request'),
  'RateLimit-Limit': integerHeader('Requests the budget allows per window'),
  'RateLimit-Remaining': integerHeader('Requests left in this window'),
  'RateLimit-Reset': integerHeader('Seconds until the window ends'),
}

const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: 'A retry with the same key and the same request gets the first answer (kept for a day)',
  schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
}

/**
 * What the gateway itself may answer on a proxied operation, whatever the service declares
 * (src/plugins/proxy.ts): a path not in its canonical spelling, the token and account checks, the
 * rate limit, the Idempotency-Key of a signed-in POST, and an upstream that is down or slow.
 */
function declareEdgeAnswers(method: string, publicPath: string, operation: AnswerOperation) {
  const anonymous = !operation.security?.some((requirement) => Object.keys(requirement as object).length > 0)
  const idempotent = method === 'post' && !anonymous && !publicPath.startsWith(`${apiPrefix}/auth/`)
  if (idempotent && !operation.parameters?.some((parameter) => parameter.name?.toLowerCase() === 'idempotency-key'))
    operation.parameters = [...(operation.parameters ?? []), idempotencyKey]
  declareAnswers(
    operation,
    [
      { status: 400, description: 'the path is not in its canonical spelling' },
      ...(anonymous
        ? []
        : [
            { status: 401, description: 'no valid access token, or its sign-in ended' },
            { status: 403, description: 'the account is suspended or deactivated' },
          ]),
      ...(idempotent
        ? [
            { status: 409, description: 'a request with this Idempotency-Key is still running' },
            { status: 422, description: 'this Idempotency-Key was used for a different request' },
          ]
        : []),
      { status: 429, description: 'rate limited: wait `Retry-After` seconds', headers: rateLimitHeaders },
      { status: 502, description: 'the service behind this route failed to answer' },
      { status: 503, description: 'the service behind this route is down; try again after `Retry-After`' },
      { status: 504, description: 'the service behind this route did not answer in time' },
    ],
    { $ref: '#/components/schemas/Problem' },
  )
}

/**
 * A service's operations at their public path, each with its own security (the service document's
 * default made explicit) and the answers the gateway adds in front of it.
 */
function operationsOf(
  service: ServiceName,
  publicPath: string,
  pathItem: Record<string, unknown>,
  security: unknown[] | undefined,
) {
  const result: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(pathItem)) {
    if (!httpMethods.has(key) || value === null || typeof value !== 'object') {
      result[key] = value
      continue
    }
    const operation = structuredClone(value) as AnswerOperation
    if (typeof operation.operationId === 'string') operation.operationId = `${service}.${operation.operationId}`
    if (operation.security === undefined && security !== undefined) operation.security = security
    declareEdgeAnswers(key, publicPath, operation)
    result[key] = operation
  }
  return result
}

/**
 * One document for the whole public API: the gateway's own routes and each service's routes at
 * their public /api/v1 paths, each service's components namespaced (`auth-service.X`) so equal
 * names cannot clash. `x-focushub-sources` tells which service documents were available.
 */
export function mergeOpenApi(
  gateway: OpenApiDocument,
  services: Partial<Record<ServiceName, OpenApiDocument>>,
  sources: Record<string, SourceState>,
): OpenApiDocument {
  // The gateway's own routes, without its proxy catch-alls: the services describe those paths.
  const paths = Object.fromEntries(Object.entries(gateway.paths ?? {}).filter(([path]) => !proxied(path)))
  const components: Record<string, Record<string, unknown>> = {
    ...gateway.components,
    securitySchemes: { ...gateway.components?.securitySchemes, bearerAuth },
  }
  const tags = new Map((gateway.tags ?? []).map((tag) => [tag.name, tag]))

  for (const [service, document] of Object.entries(services) as Array<[ServiceName, OpenApiDocument]>) {
    const namespaced = namespaceRefs(document, service) as OpenApiDocument
    for (const [path, pathItem] of Object.entries(namespaced.paths ?? {})) {
      const publicPath = publicPathOf(service, path)
      if (publicPath) paths[publicPath] = operationsOf(service, publicPath, pathItem, document.security)
    }
    for (const [kind, entries] of Object.entries(namespaced.components ?? {})) {
      components[kind] ??= {}
      for (const [name, component] of Object.entries(entries)) {
        const shared = kind === 'securitySchemes' && sharedSecuritySchemes.has(name)
        if (!shared) components[kind][componentName(service, name)] = component
      }
    }
    for (const tag of namespaced.tags ?? []) if (!tags.has(tag.name)) tags.set(tag.name, tag)
  }

  const sorted = Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b)))
  return {
    openapi: '3.1.0',
    info: {
      title: 'FocusHub API',
      version: gateway.info.version,
      description: 'Every FocusHub route, as served through the gateway under /api/v1.',
    },
    paths: sorted,
    components,
    ...(gateway.security ? { security: gateway.security } : {}),
    ...(tags.size > 0 ? { tags: [...tags.values()] } : {}),
    'x-focushub-sources': sources,
  }
}
