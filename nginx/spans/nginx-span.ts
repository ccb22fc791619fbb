import { type Attributes, type HrTime, SpanKind, SpanStatusCode, TraceFlags } from '@opentelemetry/api'
import type { Resource } from '@opentelemetry/resources'
import type { ReadableSpan } from '@opentelemetry/sdk-trace'
import {
  ATTR_CLIENT_ADDRESS,
  ATTR_ERROR_TYPE,
  ATTR_HTTP_REQUEST_HEADER,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_REQUEST_METHOD_ORIGINAL,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_NETWORK_PROTOCOL_NAME,
  ATTR_NETWORK_PROTOCOL_VERSION,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  ATTR_URL_PATH,
  ATTR_URL_QUERY,
  ATTR_URL_SCHEME,
  ATTR_USER_AGENT_ORIGINAL,
} from '@opentelemetry/semantic-conventions'
import type { SpanLine } from './span-line.ts'

const instrumentationScope = { name: 'focushub-nginx-spans' }

/** The methods HTTP semantic conventions name; any other is `_OTHER`, its spelling kept beside. */
const knownMethods = new Set(['CONNECT', 'DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT', 'QUERY', 'TRACE'])

/** `1765115700.123` (seconds, three decimals, as NGINX writes them) in milliseconds, exactly. */
const milliseconds = (seconds: string) => Number(seconds.replace('.', ''))

const hrTimeOf = (ms: number): HrTime => [Math.floor(ms / 1000), (ms % 1000) * 1_000_000]

function methodAttributes(method: string): Attributes {
  return knownMethods.has(method)
    ? { [ATTR_HTTP_REQUEST_METHOD]: method }
    : { [ATTR_HTTP_REQUEST_METHOD]: '_OTHER', [ATTR_HTTP_REQUEST_METHOD_ORIGINAL]: method }
}

/** The logged target (already redacted by NGINX) as path and query. */
function urlAttributes(target: string): Attributes {
  const queryAt = target.indexOf('?')
  if (queryAt === -1) return { [ATTR_URL_PATH]: target }
  return { [ATTR_URL_PATH]: target.slice(0, queryAt), [ATTR_URL_QUERY]: target.slice(queryAt + 1) }
}

/** `HTTP/1.1` → 1.1, `HTTP/2.0` → 2, as the conventions spell versions. */
const protocolVersion = (protocol: string) => /^HTTP\/([0-9.]+)$/.exec(protocol)?.[1]?.replace(/^([23])\.0$/, '$1')

/** Attributes whose value NGINX may leave empty (no upstream, no User-Agent …) are left out then. */
function presentAttributes(attributes: Record<string, string | number | undefined>): Attributes {
  return Object.fromEntries(Object.entries(attributes).filter(([, value]) => value !== undefined && value !== ''))
}

const isSampled = (line: SpanLine) => (Number.parseInt(line.trace_flags, 16) & TraceFlags.SAMPLED) !== 0

/**
 * Whether NGINX's span of a request is exported: always in a sampled trace; in an unsampled one when NGINX
 * answered 5xx or took `slowMs` or more (NGINX sends such a line for any 5xx or 100 ms, and it is compared
 * here), so that failed and slow requests are kept hop by hop whatever the sampling.
 */
export function isKept(line: SpanLine, slowMs: number) {
  return isSampled(line) || Number(line.status) >= 500 || milliseconds(line.request_time) >= slowMs
}

/**
 * NGINX's SERVER span of one request, with the ids NGINX chose and sent on in traceparent: it starts
 * $request_time before $msec, its end. A 5xx is an error (a 4xx is the client's, not NGINX's). Marked
 * sampled even in an unsampled trace (a kept failed or slow request): the exporting processor takes only
 * sampled spans. The parent keeps the flags the trace came with.
 */
export function nginxSpan(line: SpanLine, resource: Resource): ReadableSpan {
  const end = milliseconds(line.msec)
  const duration = milliseconds(line.request_time)
  const status = Number(line.status)
  const attributes = methodAttributes(line.method)
  const traceFlags = Number.parseInt(line.trace_flags, 16)
  const spanContext = { traceId: line.trace_id, spanId: line.span_id, traceFlags: traceFlags | TraceFlags.SAMPLED }
  return {
    name: attributes[ATTR_HTTP_REQUEST_METHOD] === '_OTHER' ? 'HTTP' : line.method,
    kind: SpanKind.SERVER,
    spanContext: () => spanContext,
    parentSpanContext:
      line.parent_span_id === ''
        ? undefined
        : { traceId: line.trace_id, spanId: line.parent_span_id, traceFlags, isRemote: true },
    startTime: hrTimeOf(end - duration),
    endTime: hrTimeOf(end),
    duration: hrTimeOf(duration),
    status: status >= 500 ? { code: SpanStatusCode.ERROR } : { code: SpanStatusCode.UNSET },
    attributes: {
      ...attributes,
      ...urlAttributes(line.target),
      [ATTR_HTTP_RESPONSE_STATUS_CODE]: status,
      [ATTR_NETWORK_PROTOCOL_NAME]: 'http',
      [ATTR_HTTP_REQUEST_HEADER('x-request-id')]: [line.request_id],
      ...presentAttributes({
        [ATTR_ERROR_TYPE]: status >= 500 ? line.status : undefined,
        [ATTR_URL_SCHEME]: line.scheme,
        [ATTR_SERVER_ADDRESS]: line.host,
        [ATTR_SERVER_PORT]: line.server_port === '' ? undefined : Number(line.server_port),
        [ATTR_NETWORK_PROTOCOL_VERSION]: protocolVersion(line.protocol),
        [ATTR_CLIENT_ADDRESS]: line.client_address,
        [ATTR_USER_AGENT_ORIGINAL]: line.user_agent,
        'http.request.size': Number(line.request_length),
        'http.response.body.size': Number(line.body_bytes_sent),
        // As NGINX writes them: one entry per try, comma-separated (a request retried on the next server).
        'nginx.upstream.address': line.upstream_addr,
        'nginx.upstream.status': line.upstream_status,
        'nginx.upstream.response_time': line.upstream_response_time,
      }),
    },
    links: [],
    events: [],
    ended: true,
    resource,
    instrumentationScope,
    droppedAttributesCount: 0,
    droppedEventsCount: 0,
    droppedLinksCount: 0,
  }
}
