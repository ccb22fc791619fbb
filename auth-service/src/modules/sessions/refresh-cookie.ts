import type { FastifyReply, FastifyRequest } from 'fastify'
import Type from 'typebox'
import type { Config } from '../../config.ts'

declare module 'fastify' {
  interface FastifySchema {
    /** The cookies a route reads, for its OpenAPI parameters only (@fastify/swagger): Fastify does not validate them. */
    cookies?: unknown
  }
}

/**
 * The browser's way to hold a refresh token: an HttpOnly cookie that script cannot read, sent only
 * to the identity routes of this site. A client asks for it with `X-Refresh-Token-Mode: cookie` on
 * login, refresh and logout (a header a page of another site cannot send without a CORS preflight,
 * which the gateway refuses); without the header nothing changes (the JSON mode).
 */
export const refreshCookieName = 'focushub_refresh'

export const RefreshTokenModeHeaders = Type.Object({
  'x-refresh-token-mode': Type.Optional(
    Type.Union([Type.Literal('cookie'), Type.Literal('json')], {
      description: `\`cookie\`: the refresh token travels in the HttpOnly cookie \`${refreshCookieName}\` (read from it when the body has none, set or cleared by the answer) instead of the JSON body; \`json\` or absent: in the body`,
    }),
  ),
})

/**
 * Any value: Fastify does not validate cookies, and one that is not read (JSON mode, or a token in the
 * body) is not refused either; one that is read and is not a live token is refused with 401.
 */
export const RefreshCookies = Type.Object({
  [refreshCookieName]: Type.Optional(
    Type.String({
      description: 'The refresh token, read only with `X-Refresh-Token-Mode: cookie` and when the body has none',
    }),
  ),
})

/** An answer's Set-Cookie, declared for its OpenAPI document. */
export const setsRefreshCookie = (description: string) => ({
  'set-cookie': {
    type: 'string',
    description: `In cookie mode only: ${description} (\`${refreshCookieName}=…; Max-Age=…; Path=…; HttpOnly; Secure; SameSite=Strict\`)`,
  },
})

export const inCookieMode = (request: FastifyRequest) => request.headers['x-refresh-token-mode'] === 'cookie'

/** The cookie's token, only in cookie mode: a cookie the client did not ask to use is never a credential. */
export const cookieRefreshToken = (request: FastifyRequest) =>
  inCookieMode(request) ? request.cookies[refreshCookieName] || undefined : undefined

export function refreshCookie(config: Config) {
  const attributes = {
    path: config.REFRESH_COOKIE_PATH,
    httpOnly: true,
    secure: true,
    sameSite: 'strict',
  } as const
  return {
    /** The new refresh token, living as long as the token itself (to the second above: the server refuses it after). */
    set(reply: FastifyReply, token: string, expiresAt: string) {
      const maxAge = Math.max(0, Math.ceil((Date.parse(expiresAt) - Date.now()) / 1000))
      reply.setCookie(refreshCookieName, token, { ...attributes, maxAge })
    },
    clear(reply: FastifyReply) {
      reply.clearCookie(refreshCookieName, attributes)
    },
  }
}

export type RefreshCookie = ReturnType<typeof refreshCookie>
