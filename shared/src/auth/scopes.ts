import type { FastifyRequest } from 'fastify'
import Type, { type Static } from 'typebox'
import { genericErrors } from '../errors.ts'

/**
 * What a personal access token may reach: one area per service whose data it names. The account's own
 * routes (auth-service's, the admin's) and the live connection are in none, so no such token reaches them.
 */
export const scopeAreas = ['tasks', 'focus', 'habits', 'social', 'notifications'] as const
export type ScopeArea = (typeof scopeAreas)[number]

/** `<area>:read` or `<area>:write`; write includes read. */
export const TokenScope = Type.Union(
  scopeAreas.flatMap((area) => [Type.Literal(`${area}:read`), Type.Literal(`${area}:write`)]),
)
export type TokenScope = Static<typeof TokenScope>

const readMethods = new Set(['GET', 'HEAD', 'OPTIONS'])

/** The scope a request of `method` on `area` needs: reads need `:read` (or `:write`), anything else `:write`. */
export const scopeFor = (area: ScopeArea, method: string): TokenScope =>
  `${area}:${readMethods.has(method) ? 'read' : 'write'}` as TokenScope

/** Which areas a request needs the token's scopes to cover: none when scoped tokens may not reach it at all. */
export type ScopeAreasOf = (request: FastifyRequest) => readonly ScopeArea[]

/** A service whose every route is in `area`. */
export const onlyArea =
  (area: ScopeArea): ScopeAreasOf =>
  () => [area]

/** The RFC 6750 answer: 403 insufficient_scope, naming the scope missing (in `scope`, and in the challenge). */
function insufficientScope(needed: TokenScope | null) {
  const detail = needed
    ? `This personal access token lacks the scope ${needed}`
    : 'A personal access token cannot be used here: sign in instead'
  const challenge = `Bearer error="insufficient_scope"${needed ? `, scope="${needed}"` : ''}`
  return genericErrors.error('insufficient-scope', detail, {
    headers: { 'www-authenticate': challenge },
    ...(needed ? { details: { scope: needed } } : {}),
  })
}

/**
 * Refuses a request a scoped token (a personal access token's) does not cover; a sign-in's token, which has
 * no scopes, covers everything its role allows.
 */
export function checkScopes(scopes: readonly string[] | undefined, areas: readonly ScopeArea[], method: string) {
  if (!scopes) return
  if (areas.length === 0) throw insufficientScope(null)
  for (const area of areas) {
    const needed = scopeFor(area, method)
    if (!scopes.includes(needed) && !scopes.includes(`${area}:write`)) throw insufficientScope(needed)
  }
}
