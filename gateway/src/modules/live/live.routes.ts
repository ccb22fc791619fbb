import { currentUser } from '@focushub/shared/auth'
import { AppError, errors } from '@focushub/shared/errors'
import { DateTime, problems, routeScope } from '@focushub/shared/http'
import { gaugeIn } from '@focushub/shared/metrics'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import Type from 'typebox'
import { gatewayError } from '../../errors.ts'
import { apiPrefix } from '../../upstreams.ts'
import { createConnection, type Transport } from './live.connection.ts'
import type { Hub } from './live.hub.ts'
import { sseTransport } from './live.sse.ts'
import type { LiveStreams } from './live.streams.ts'
import { type TicketStore, ticketPattern } from './live.tickets.ts'
import { wsTransport } from './live.ws.ts'
import { streamIdPattern } from './live-event.ts'

export interface LiveRoutesOptions {
  tickets: TicketStore
  /** Reads the resume window on the request path's Redis connection. */
  streams: LiveStreams
  hub: Hub
  maxBufferedBytes: number
  maxStreamsPerUser: number
  /** How long an EventSource waits before reconnecting. */
  retryMs: number
}

const StreamQuery = Type.Object(
  {
    ticket: Type.Optional(Type.String({ pattern: ticketPattern, description: 'From POST /api/v1/events/ticket' })),
    lastEventId: Type.Optional(
      Type.String({ pattern: streamIdPattern, description: 'Resume after this event id (Last-Event-ID also works)' }),
    ),
  },
  { additionalProperties: false },
)
const StreamHeaders = Type.Object({ 'last-event-id': Type.Optional(Type.String({ pattern: streamIdPattern })) })
type StreamRequest = FastifyRequest<{ Querystring: Type.Static<typeof StreamQuery> }>

const Ticket = Type.Object({ ticket: Type.String(), expiresAt: DateTime })

/** Tickets live in Redis: while it is down none can be issued or redeemed. */
const ticketsUnavailable = (error: unknown): never => {
  if (error instanceof AppError) throw error
  throw errors.unavailable('Stream tickets are unavailable right now')
}

const ticketRefused = () =>
  new AppError(401, 'unauthorized', 'The ticket is unknown, expired or already used', {
    headers: { 'www-authenticate': 'Bearer' },
  })

/** Real-time push: a ticket for browsers, then Server-Sent Events or a WebSocket of the user's events. */
export async function liveRoutes(app: FastifyInstance, options: LiveRoutesOptions) {
  const { hub, streams } = options
  const liveConnections = gaugeIn(app.metrics, {
    name: 'gateway_live_connections',
    help: 'Live streams open on this replica, by transport (sse, ws)',
    labelNames: ['transport'],
  })

  /** The edge's checks as on proxied routes: account status and the caller's rate budget. */
  const admit = async (request: FastifyRequest, reply: FastifyReply) => {
    await Promise.all([app.checkAccountStatus(request), app.limitRate(request, reply)])
  }

  /** The Authorization header if sent, else a single-use ticket; never a long-lived token in the URL. */
  const streamGuard = async (request: StreamRequest, reply: FastifyReply) => {
    const { ticket } = request.query
    if (request.headers.authorization || !ticket) await app.authenticate(request)
    else {
      const user = await options.tickets.redeem(ticket).catch(ticketsUnavailable)
      if (!user) throw ticketRefused()
      request.user = user
    }
    await admit(request, reply)
    if (hub.streamsOf(currentUser(request).userId) >= options.maxStreamsPerUser) {
      throw gatewayError('too-many-streams', `At most ${options.maxStreamsPerUser} open streams per user`)
    }
  }

  async function openStream(request: StreamRequest, transport: Transport, kind: 'sse' | 'ws') {
    const user = currentUser(request)
    const { connection, open } = createConnection({
      userId: user.userId,
      sessionId: user.sessionId,
      expiresAt: user.expiresAt,
      maxBufferedBytes: options.maxBufferedBytes,
      transport,
      onClosed: () => {
        remove()
        liveConnections.dec({ transport: kind })
      },
    })
    // Registered before the backlog is read: what arrives meanwhile waits in the connection's queue.
    const remove = hub.add(connection)
    liveConnections.inc({ transport: kind })
    const lastId = (request.headers['last-event-id'] as string | undefined) ?? request.query.lastEventId
    if (!lastId) return open(null)
    const backlog = await streams.readAfter(user.userId, lastId).catch((error: Error) => {
      request.log.warn({ err: error.message }, 'resume window unavailable: client told to refetch')
      return { reset: true as const }
    })
    open(backlog)
  }

  const streamSchema = (summary: string, opened: Record<number, unknown> = {}) => ({
    summary,
    querystring: StreamQuery,
    headers: StreamHeaders,
    response: { ...opened, ...problems(400, 401, 403, 429, 503) },
  })

  /** What an opened SSE stream is, for the document: the reply is hijacked, never serialized. */
  const eventStream = {
    200: {
      description: 'The stream: `ready`, then an `event:` / `id:` / `data:` record per event, heartbeat comments',
      // Each event of the stream (as OpenAPI 3.2's itemSchema means it): its SSE fields.
      content: {
        'text/event-stream': {
          schema: Type.Object({
            event: Type.Optional(Type.String()),
            id: Type.Optional(Type.String()),
            data: Type.Optional(Type.String({ description: 'JSON' })),
            retry: Type.Optional(Type.Integer()),
          }),
        },
      },
    },
  }

  /** The ticket takes a token, as any signed-in route. */
  await app.register(async (scope) => {
    routeScope(scope, {
      tags: ['live'],
      access: {
        onRequest: async (request, reply) => {
          await app.authenticate(request)
          await admit(request, reply)
        },
      },
    })
    scope.post(
      `${apiPrefix}/events/ticket`,
      {
        schema: {
          summary: 'A single-use ticket (30 s) to open /events or /ws without a token in the URL',
          response: { 201: Ticket, ...problems(401, 403, 429, 503) },
        },
      },
      async (request, reply) => {
        const issued = await options.tickets.issue(currentUser(request)).catch(ticketsUnavailable)
        if (!issued) throw ticketRefused()
        return reply.code(201).send(issued)
      },
    )
  })

  /** The streams take a token or a ticket from the validated query, so they check after validation. */
  await app.register(async (scope) => {
    routeScope(scope, {
      tags: ['live'],
      access: { preHandler: (request, reply) => streamGuard(request as StreamRequest, reply) },
    })
    scope.get(
      `${apiPrefix}/events`,
      {
        schema: streamSchema('Server-Sent Events of the events that concern the caller', eventStream),
        // A HEAD would open a stream that can never send anything.
        exposeHeadRoute: false,
      },
      async (request: StreamRequest, reply) => openStream(request, sseTransport(reply, options.retryMs), 'sse'),
    )
    scope.get(
      `${apiPrefix}/ws`,
      {
        websocket: true,
        exposeHeadRoute: false,
        schema: streamSchema('A WebSocket of the events that concern the caller'),
      },
      (socket, request) => void openStream(request as StreamRequest, wsTransport(socket), 'ws'),
    )
  })
}
