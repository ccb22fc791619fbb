import { createBackgroundJob, jobPlugin } from '@focushub/shared/jobs'
import type { FastifyBaseLogger } from 'fastify'
import type { ServiceName } from '../../upstreams.ts'
import { mergeOpenApi, type OpenApiDocument, type SourceState } from './openapi-merge.ts'

export interface CatalogOptions {
  services: Record<ServiceName, string>
  /** The gateway's own document (its health and edge routes). */
  gatewayDocument: () => OpenApiDocument
  refreshMs: number
  /** Sooner while a service's document is missing (e.g. the gateway started before it). */
  retryMs?: number
  fetchTimeoutMs?: number
  log: FastifyBaseLogger
}

async function fetchDocument(baseUrl: string, timeoutMs: number): Promise<OpenApiDocument> {
  const response = await fetch(new URL('/openapi.json', baseUrl), { signal: AbortSignal.timeout(timeoutMs) })
  if (!response.ok) throw new Error(`GET /openapi.json answered ${response.status}`)
  const document = (await response.json()) as OpenApiDocument
  if (typeof document?.openapi !== 'string' || typeof document.paths !== 'object') {
    throw new Error('not an OpenAPI document')
  }
  return document
}

/**
 * Each service's OpenAPI document, fetched at start and refreshed periodically. A service that is
 * down keeps its last good document (or none yet); the merged document says which sources answered.
 */
export function createOpenApiCatalog(options: CatalogOptions) {
  const names = Object.keys(options.services) as ServiceName[]
  const documents: Partial<Record<ServiceName, OpenApiDocument>> = {}
  const sources: Record<string, SourceState> = Object.fromEntries(
    names.map((name) => [name, { status: 'unavailable', error: 'not fetched yet' }]),
  )
  let merged: OpenApiDocument | undefined

  async function refresh() {
    await Promise.all(
      names.map(async (name) => {
        try {
          documents[name] = await fetchDocument(options.services[name], options.fetchTimeoutMs ?? 3000)
          sources[name] = { status: 'ok', fetchedAt: new Date().toISOString() }
        } catch (error) {
          const message = (error as Error).message
          if (sources[name].status === 'ok') options.log.warn({ service: name, err: message }, 'OpenAPI fetch failed')
          sources[name] = { ...sources[name], status: 'unavailable', error: message }
        }
      }),
    )
    merged = undefined
  }

  const refreshing = createBackgroundJob({
    name: 'OpenAPI refresh',
    // Sooner while a document is missing.
    intervalMs: () =>
      names.some((name) => sources[name].status !== 'ok')
        ? Math.min(options.retryMs ?? 5000, options.refreshMs)
        : options.refreshMs,
    pass: refresh,
    log: options.log,
  })

  return {
    refresh,
    /** Fetches every document once (each bounded by the fetch timeout), then keeps them fresh. */
    async start() {
      await refresh()
      refreshing.start()
    },
    stop: () => refreshing.stop(),
    document(): OpenApiDocument {
      merged ??= mergeOpenApi(options.gatewayDocument(), documents, sources)
      return merged
    },
  }
}

export type OpenApiCatalog = ReturnType<typeof createOpenApiCatalog>

/** Keeps the catalogue fresh for the life of the app; `ready` waits for its first round of fetches. */
export const openApiCatalogJob = jobPlugin(
  'focushub-openapi-catalog',
  (_app, { catalog }: { catalog: OpenApiCatalog }) => catalog,
)
