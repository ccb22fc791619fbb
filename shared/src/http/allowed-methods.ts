import type { FastifyInstance, FastifyRequest, HookHandlerDoneFunction } from 'fastify'
import FindMyWay from 'find-my-way'
import { errors } from '../errors.ts'

/** The methods a path is served with: empty when no route matches it at all. */
export type AllowedMethods = (path: string) => string[]

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * A source that knows a path's methods better than the app's own routes (the gateway: the
     * services' documents, behind its proxy routes): where it names any, they are the answer.
     */
    allowMethodsOf: (source: AllowedMethods) => void
  }
}

/** Routes (method and Fastify URL pattern, `/things/:id`) and, for a path, the methods that serve it. */
export function methodRouter() {
  const router = FindMyWay()
  const methods = new Set<string>()
  return {
    add(method: string, url: string) {
      if (router.hasRoute(method as FindMyWay.HTTPMethod, url)) return
      router.on(method as FindMyWay.HTTPMethod, url, () => {})
      methods.add(method)
    },
    methodsOf: ((path) =>
      [...methods].filter((method) => router.find(method as FindMyWay.HTTPMethod, path) !== null)) as AllowedMethods,
  }
}

const refused = (path: string, method: string, allowed: string[]) =>
  errors.methodNotAllowed(`${path} is not served with ${method}`, allowed)

/** Catch-alls (CORS preflight's `OPTIONS *`, a proxy's `/prefix/*`) match every path below them: they name no resource. */
const isCatchAll = (url: string) => url.endsWith('*')

/**
 * 405 with `Allow` for a request whose path is served, not with its method; 404 stays for a path
 * no route serves. The app's routes are kept in a router of their own (find-my-way, Fastify's
 * router), filled by an onRoute hook registered before any route (so HEAD routes of GETs too). The
 * check runs on onRequest, before any body is read: a body method (QUERY without Content-Type, a
 * malformed body) is refused for its method, not for its body.
 */
export function answerUndeclaredMethods(app: FastifyInstance) {
  const routes = methodRouter()
  /** Paths a route names literally (`/focus/sessions/current`) and their methods. */
  const literal = new Map<string, Set<string>>()
  const better: AllowedMethods[] = []
  app.addHook('onRoute', (route) => {
    if (isCatchAll(route.url)) return
    const methods = [route.method].flat()
    for (const method of methods) routes.add(method, route.url)
    if (!/[:*]/.test(route.url)) literal.set(route.url, new Set([...(literal.get(route.url) ?? []), ...methods]))
  })
  app.decorate('allowMethodsOf', (source: AllowedMethods) => {
    better.unshift(source)
  })
  const allowedFor = (path: string, own: () => string[]) => {
    for (const source of better) {
      const named = source(path)
      if (named.length > 0) return named
    }
    return own()
  }
  // Synchronous: every request passes here, most with one map lookup to do.
  app.addHook('onRequest', (request: FastifyRequest, _reply, done: HookHandlerDoneFunction) => {
    const path = request.url.split('?', 1)[0]
    const named = literal.get(path)
    // A path a route names is that resource, not a value of a sibling's parameter: PATCH or
    // OPTIONS /focus/sessions/current is not a request to /focus/sessions/:id.
    const viaSiblingParameter = named && !named.has(request.method) && /[:*]/.test(request.routeOptions.url ?? '')
    if (!request.is404 && !viaSiblingParameter) return done()
    const allowed = allowedFor(path, () => (named ? [...named] : routes.methodsOf(path)))
    done(allowed.length > 0 ? refused(path, request.method, allowed.toSorted()) : undefined)
  })
}
