import { type AllowedMethods, httpMethods, methodRouter } from '@focushub/shared/http'
import type { OpenApiCatalog } from './openapi-catalog.ts'
import { type OpenApiDocument, proxied } from './openapi-merge.ts'

/**
 * Every operation of the document on a proxied path, at its path as a Fastify pattern (`{id}` →
 * `:id`); a service's GET serves HEAD too. The gateway's own routes answer for themselves.
 */
function methodsOfDocument(document: OpenApiDocument): AllowedMethods {
  const routes = methodRouter()
  for (const [path, pathItem] of Object.entries(document.paths ?? {}).filter(([path]) => proxied(path))) {
    const pattern = path.replace(/\{([^}]+)\}/g, ':$1')
    for (const method of Object.keys(pathItem).filter((key) => httpMethods.has(key))) {
      routes.add(method.toUpperCase(), pattern)
      if (method === 'get') routes.add('HEAD', pattern)
    }
  }
  return routes.methodsOf
}

/**
 * The methods each public path is served with, as the merged document says: behind the proxy's
 * catch-alls only the services know their routes, and their documents say. Rebuilt when the
 * merged document is.
 */
export function documentedMethods(catalog: OpenApiCatalog): AllowedMethods {
  let built: { document: OpenApiDocument; methodsOf: AllowedMethods } | undefined
  return (path) => {
    const document = catalog.document()
    if (built?.document !== document) built = { document, methodsOf: methodsOfDocument(document) }
    return built.methodsOf(path)
  }
}
