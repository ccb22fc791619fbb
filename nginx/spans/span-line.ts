import Type, { type Static } from 'typebox'
import Value from 'typebox/value'

const hex = (digits: number) => Type.String({ pattern: `^[0-9a-f]{${digits}}$` })
/** $msec and $request_time: seconds with milliseconds. */
const seconds = Type.String({ pattern: '^[0-9]{1,12}\\.[0-9]{3}$' })
const count = Type.String({ pattern: '^[0-9]{1,20}$' })

/**
 * One line of NGINX's focushub_span log (nginx/focushub.conf.template): every field a string, as
 * `escape=json` writes them, a variable with no value as "".
 */
export const SpanLine = Type.Object({
  trace_id: hex(32),
  span_id: hex(16),
  // Empty when NGINX started the trace.
  parent_span_id: Type.String({ pattern: '^([0-9a-f]{16})?$' }),
  trace_flags: hex(2),
  msec: seconds,
  request_time: seconds,
  method: Type.String({ minLength: 1 }),
  target: Type.String(),
  scheme: Type.String(),
  host: Type.String(),
  server_port: Type.String({ pattern: '^[0-9]{0,5}$' }),
  protocol: Type.String(),
  client_address: Type.String(),
  user_agent: Type.String(),
  status: Type.String({ pattern: '^[0-9]{3}$' }),
  request_length: count,
  body_bytes_sent: count,
  upstream_addr: Type.String(),
  upstream_status: Type.String(),
  upstream_response_time: Type.String(),
  request_id: Type.String(),
})
export type SpanLine = Static<typeof SpanLine>

export type ParsedDatagram = { line: SpanLine } | { problem: string }

/**
 * NGINX's syslog frame (RFC 3164, with `nohostname`): `<PRI>Mmm dd hh:mm:ss tag: message`, the day
 * padded with a space.
 */
const syslogFrame = /^<[0-9]{1,3}>[A-Z][a-z]{2} [ 0-9][0-9] [0-9]{2}:[0-9]{2}:[0-9]{2} [A-Za-z0-9_]{1,32}: (.*)$/s

/** One datagram from NGINX: its span line, or why it is not one. */
export function parseSpanDatagram(datagram: string): ParsedDatagram {
  const message = syslogFrame.exec(datagram)?.[1]
  if (message === undefined) return { problem: 'not an RFC 3164 syslog message' }
  let line: unknown
  try {
    line = JSON.parse(message)
  } catch {
    return { problem: 'not JSON' }
  }
  if (!Value.Check(SpanLine, line)) {
    const [first] = Value.Errors(SpanLine, line)
    return { problem: `not a span line (${first?.instancePath || '/'} ${first?.message ?? 'is invalid'})` }
  }
  return { line }
}
