import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import { apiPrefix } from '../../upstreams.ts'
import { documentedMethods } from './documented-methods.ts'
import type { OpenApiCatalog } from './openapi-catalog.ts'

/** The docs page loads only its own bundled assets: nothing from the internet. */
const docsCsp = [
  "default-src 'self'",
  "img-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "script-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join('; ')

/**
 * GET /api/v1/openapi.json (the merged document of the whole API) and the interactive docs at
 * /api/v1/docs. The document also tells a 405's `Allow` on a service's path: a method no proxy route
 * takes (QUERY) never reaches the service to be told.
 */
export async function docsRoutes(app: FastifyInstance, { catalog }: { catalog: OpenApiCatalog }) {
  app.allowMethodsOf(documentedMethods(catalog))
  app.get(`${apiPrefix}/openapi.json`, { schema: { hide: true }, logLevel: 'warn' }, async () => catalog.document())
  await app.register(swaggerUi, {
    routePrefix: `${apiPrefix}/docs`,
    staticCSP: docsCsp,
    transformSpecification: () => catalog.document(),
    transformSpecificationClone: false,
    // Tags open on demand: 166 operations rendered at once stop part-way in Chromium.
    uiConfig: { deepLinking: true, validatorUrl: null, docExpansion: 'none' },
    logLevel: 'warn',
  })
}
