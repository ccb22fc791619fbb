// Outgoing webhook requests: only to public addresses (no SSRF), bounded in time and size, never redirected.
import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns'
import { isIP, type LookupFunction } from 'node:net'
import ipaddr from 'ipaddr.js'
import { Agent, request } from 'undici'

/** Why an address may not be reached: its range (private, loopback, linkLocal …), or undefined for a public one. */
export function refusedRange(address: string): string | undefined {
  if (!ipaddr.isValid(address)) return 'invalid'
  const range = ipaddr.process(address).range()
  return range === 'unicast' ? undefined : range
}

/** The error of a target the guard refuses: recorded in the attempt's log, and not retried any sooner. */
export class RefusedTarget extends Error {
  constructor(host: string, address: string, range: string) {
    super(`${host} resolves to ${address}, a ${range} address: refused`)
    this.name = 'RefusedTarget'
  }
}

/**
 * A DNS lookup that fails when any address of the name is not public. It is the one the connection uses,
 * so what is checked is what is connected to (a name re-resolved to 127.0.0.1 between a check and the
 * connection gets nowhere).
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  const all: LookupAllOptions = { ...options, all: true }
  dnsLookup(hostname, all, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 0)
    for (const { address } of addresses) {
      const range = refusedRange(address)
      if (range) return callback(new RefusedTarget(hostname, address, range), '', 0)
    }
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses)
    callback(null, addresses[0].address, addresses[0].family)
  })
}

export interface OutgoingOptions {
  /** Lets http: and private, loopback and link-local addresses through (local stack and tests). */
  allowPrivate: boolean
  timeoutMs: number
}

/** The first bytes of an answer kept for the log; reading stops there. */
const keptAnswerBytes = 1024

export interface PostResult {
  status: number
  /** The answer's first KiB, as text. */
  answer: string
}

/**
 * POSTs webhook deliveries: a keep-alive pool whose connections resolve names with `publicOnlyLookup`
 * (unless private targets are allowed), an IP literal checked before connecting, the whole exchange
 * bounded by `timeoutMs`, redirects not followed, and at most a KiB of the answer read.
 */
export function createOutgoing(options: OutgoingOptions) {
  const agent = new Agent({
    connect: { timeout: options.timeoutMs, ...(options.allowPrivate ? {} : { lookup: publicOnlyLookup }) },
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    connections: 64,
  })

  async function post(url: string, headers: Record<string, string>, body: string): Promise<PostResult> {
    const target = new URL(url)
    const host = target.hostname.replace(/^\[|\]$/g, '')
    if (!options.allowPrivate && isIP(host)) {
      const range = refusedRange(host)
      if (range) throw new RefusedTarget(host, host, range)
    }
    const signal = AbortSignal.timeout(options.timeoutMs)
    const answer = await request(target, { method: 'POST', headers, body, dispatcher: agent, signal })
    let kept = Buffer.alloc(0)
    for await (const chunk of answer.body) {
      kept = Buffer.concat([kept, chunk as Buffer])
      if (kept.length >= keptAnswerBytes) break
    }
    // A long answer is cut off, not read to its end.
    if (!answer.body.readableEnded) answer.body.destroy()
    return { status: answer.statusCode, answer: kept.subarray(0, keptAnswerBytes).toString('utf8') }
  }

  return { post, close: () => agent.close() }
}

export type Outgoing = ReturnType<typeof createOutgoing>
