import { randomBytes } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { eventually, send, signUp } from './client.ts'

/**
 * Issue #29's trace: one request through NGINX is one trace in Jaeger, across every hop it causes —
 * NGINX, a balancer, a gateway, focus-service and its Postgres queries, the relay's publish to Kafka,
 * and task-service's and habit-service's consumers of the event — each span a child of the one before.
 */
const jaeger = `http://127.0.0.1:${process.env.JAEGER_UI_PORT ?? '16686'}`

interface JaegerSpan {
  traceID: string
  spanID: string
  operationName: string
  references: { refType: string; traceID: string; spanID: string }[]
  processID: string
  tags: { key: string; value: unknown }[]
}

interface JaegerTrace {
  spans: JaegerSpan[]
  processes: Record<string, { serviceName: string }>
}

async function traceOf(traceId: string): Promise<JaegerTrace | undefined> {
  const response = await fetch(`${jaeger}/api/traces/${traceId}`)
  if (response.status !== 200) return undefined
  return ((await response.json()) as { data: JaegerTrace[] }).data[0]
}

/** The Node processes' log lines (one file per process, `./focushub logs`) that carry a trace id. */
function logLinesOf(traceId: string) {
  const dir = join(resolve(import.meta.dirname, '..', process.env.FOCUSHUB_STATE_DIR ?? '.focushub'), 'logs')
  return (
    readdirSync(dir)
      // The Node processes' own (`gateway-1.log`): not Kafka's, NGINX's or Postgres's, which grow large.
      .filter((name) => /^(load-balancer|gateway|[a-z]+-service)-\d+\.log$/.test(name))
      .flatMap((name) => readFileSync(join(dir, name), 'utf8').split('\n'))
      .filter((line) => line.startsWith('{') && line.includes(traceId))
      .map((line) => JSON.parse(line) as { service: string; trace_id: string; span_id: string; trace_flags: string })
  )
}

const tag = (span: JaegerSpan, key: string) => span.tags.find((t) => t.key === key)?.value

describe('a traced request', () => {
  it('is one trace from NGINX to the consumers of its event', async () => {
    const user = await signUp()
    const task = await send('POST', '/tasks', { authorization: user.authorization, body: { title: 'Traced' } })
    expect(task.status).toBe(201)
    const started = await send('POST', '/focus/sessions', {
      authorization: user.authorization,
      body: { workMinutes: 25, taskId: task.body.id },
    })
    expect(started.status).toBe(201)

    // The client's own span: the request continues its trace, sampled.
    const traceId = randomBytes(16).toString('hex')
    const clientSpanId = randomBytes(8).toString('hex')
    const completed = await send('POST', `/focus/sessions/${started.body.id}/complete`, {
      authorization: user.authorization,
      body: {},
      headers: { traceparent: `00-${traceId}-${clientSpanId}-01` },
    })
    expect(completed.status).toBe(200)

    const serviceOf = (trace: JaegerTrace, span: JaegerSpan) => trace.processes[span.processID]?.serviceName
    const hops = ['nginx', 'load-balancer', 'gateway', 'focus-service', 'task-service', 'habit-service']
    const missingIn = (trace: JaegerTrace | undefined) => {
      const services = new Set(trace?.spans.map((span) => serviceOf(trace, span)))
      const consumers = new Set(
        trace?.spans.filter((span) => tag(span, 'span.kind') === 'consumer').map((span) => serviceOf(trace, span)),
      )
      return [
        ...hops.filter((hop) => !services.has(hop)),
        ...['task-service', 'habit-service'].filter((service) => !consumers.has(service)).map((s) => `${s} consumer`),
      ]
    }
    const orphansIn = (trace: JaegerTrace) => {
      const ids = new Set(trace.spans.map((span) => span.spanID))
      return trace.spans.filter((span) => {
        const parent = span.references.find((reference) => reference.refType === 'CHILD_OF')?.spanID
        return serviceOf(trace, span) !== 'nginx' && !ids.has(parent ?? '')
      })
    }
    // Each process exports its spans within a second or so of their end: wait for all of them.
    const trace = (await eventually(
      () => traceOf(traceId),
      // Whole: every hop there, and every span's parent (the processes export on their own schedules).
      (found) => found !== undefined && missingIn(found).length === 0 && orphansIn(found).length === 0,
      30_000,
    ).catch(async (error: Error) => {
      const found = await traceOf(traceId)
      const orphans = found ? orphansIn(found).map((span) => `${serviceOf(found, span)}'s ${span.operationName}`) : []
      throw new Error(
        `${error.message.slice(0, 200)}… missing: ${missingIn(found).join(', ')}; parent missing: ${orphans.join(', ')}`,
      )
    })) as JaegerTrace

    const focusSpans = trace.spans.filter((span) => serviceOf(trace, span) === 'focus-service')
    expect(
      focusSpans.some(
        (span) => tag(span, 'db.system.name') === 'postgresql' || tag(span, 'db.system') === 'postgresql',
      ),
    ).toBe(true)
    expect(
      focusSpans.some((span) => tag(span, 'span.kind') === 'producer' && tag(span, 'messaging.system') === 'kafka'),
    ).toBe(true)

    const ids = new Set(trace.spans.map((span) => span.spanID))
    // The log lines written while handling it carry its trace and one of its spans.
    const lines = logLinesOf(traceId)
    expect(lines.map((line) => line.service)).toEqual(
      expect.arrayContaining(['load-balancer', 'gateway', 'focus-service']),
    )
    for (const line of lines) expect(ids).toContain(line.span_id)

    // One tree: every span's parent is a span of the trace, but NGINX's, whose parent is the client's.
    for (const span of trace.spans) {
      const parent = span.references.find((reference) => reference.refType === 'CHILD_OF')
      expect(parent?.traceID).toBe(traceId)
      if (serviceOf(trace, span) === 'nginx') expect(parent?.spanID).toBe(clientSpanId)
      else expect(ids, `the parent of ${serviceOf(trace, span)}'s ${span.operationName}`).toContain(parent?.spanID)
    }
  })

  it('is not traced past NGINX when its trace is unsampled, and its log lines still carry the trace', async () => {
    const user = await signUp()
    const traceId = randomBytes(16).toString('hex')
    const clientSpanId = randomBytes(8).toString('hex')
    const listed = await send('GET', '/tasks', {
      authorization: user.authorization,
      headers: { traceparent: `00-${traceId}-${clientSpanId}-00` },
    })
    expect(listed.status).toBe(200)

    // Every hop passed the traceparent on as NGINX made it: the lines of each name NGINX's span, the last
    // one made, which is a child of the client's.
    const hops = ['load-balancer', 'gateway', 'task-service']
    const lines = await eventually(
      async () => logLinesOf(traceId).filter((line) => hops.includes(line.service)),
      (found) => hops.every((hop) => found.some((line) => line.service === hop)),
      20_000,
    )
    const spanIds = new Set(lines.map((line) => line.span_id))
    expect(spanIds.size).toBe(1)
    expect(spanIds).not.toContain(clientSpanId)
    for (const line of lines) expect(line).toMatchObject({ trace_id: traceId, trace_flags: '00' })

    // Nothing of a quick success is kept: once a sampled request sent after it is whole in Jaeger, every
    // process has exported what it had from before, and there is no trace of this one.
    const sampledId = randomBytes(16).toString('hex')
    const again = await send('GET', '/tasks', {
      authorization: user.authorization,
      headers: { traceparent: `00-${sampledId}-${clientSpanId}-01` },
    })
    expect(again.status).toBe(200)
    await eventually(
      () => traceOf(sampledId),
      (found) => hops.every((hop) => found?.spans.some((span) => found.processes[span.processID]?.serviceName === hop)),
      30_000,
    )
    expect(await traceOf(traceId)).toBeUndefined()
  })

  it("carries an unsampled trace into the gateway's own calls to the services (the dashboard's)", async () => {
    const user = await signUp()
    const traceId = randomBytes(16).toString('hex')
    const dashboard = await send('GET', '/dashboard', {
      authorization: user.authorization,
      headers: { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-00` },
    })
    expect(dashboard.status).toBe(200)
    // Each service the dashboard asked logged the call under the request's trace, unsampled: it left the
    // call alone rather than start a trace of its own.
    const callees = ['task-service', 'focus-service', 'habit-service']
    const lines = await eventually(
      async () => logLinesOf(traceId).filter((line) => callees.includes(line.service)),
      (found) => callees.every((callee) => found.some((line) => line.service === callee)),
      20_000,
    )
    for (const line of lines) expect(line).toMatchObject({ trace_id: traceId, trace_flags: '00' })
  })
})
