import type { FastifyRequest } from 'fastify'

/**
 * Who acts and in which request: carried into every event, audit row and log line a change
 * causes. The same shape for a route's change and for a change an event causes (which has no
 * address and no credentials of its own).
 */
export interface RequestContext {
  /** The user the change is for: the caller on authenticated routes, '' before anyone is known (sign-in). */
  userId: string
  requestId: string
  /** The client's address as the edge saw it; '' for a change an event caused. */
  ip: string
  /** The caller's Authorization header, forwarded when the service calls another on their behalf; '' when none. */
  authorization: string
}

/** The context of a request: its caller (when it ran `app.authenticate`), id, address and credentials. */
export const contextOf = (request: FastifyRequest): RequestContext => ({
  userId: request.user?.userId ?? '',
  requestId: String(request.id),
  ip: request.ip,
  authorization: request.headers.authorization ?? '',
})

/** The context of a change no request of its own caused (an event's effect, background work): whose, and which request started it. */
export const contextFor = (cause: { userId: string; requestId: string }): RequestContext => ({
  userId: cause.userId,
  requestId: cause.requestId,
  ip: '',
  authorization: '',
})
