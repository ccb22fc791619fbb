import { relayedTraceHeaders } from '@focushub/shared/tracing'
import type { ServiceName } from '../../upstreams.ts'

/** One call a dashboard section makes to a service, on the caller's behalf. */
export interface SectionCall {
  service: ServiceName
  path: string
}

export type Section = { status: 'ok'; data: Record<string, unknown> } | { status: 'unavailable'; reason: string }

export interface DashboardOptions {
  services: Record<ServiceName, string>
  /** The whole answer's deadline: a section whose calls are not back by then is marked unavailable. */
  deadlineMs: number
}

export interface Caller {
  authorization: string
  requestId: string
}

/**
 * A GET of a service's route on the caller's behalf (their token, request id and unsampled trace), its JSON;
 * throws when the service answers anything but 2xx. The dashboard's sections and the calendar feed ask so.
 */
export async function askService(
  services: Record<ServiceName, string>,
  caller: Caller,
  target: SectionCall,
  signal: AbortSignal,
) {
  const response = await fetch(new URL(target.path, services[target.service]), {
    headers: {
      authorization: caller.authorization,
      'x-request-id': caller.requestId,
      accept: 'application/json',
      ...relayedTraceHeaders(),
    },
    signal,
  })
  if (!response.ok) {
    await response.body?.cancel()
    throw new Error(`${target.service} answered ${response.status}`)
  }
  return (await response.json()) as unknown
}

function reasonOf(error: unknown, signal: AbortSignal) {
  if (signal.aborted) return 'timeout'
  const cause = (error as { cause?: { code?: string; message?: string } }).cause
  return cause?.code ?? cause?.message ?? (error as Error).message
}

/**
 * Asks every section's services at once, under one deadline. A section answers with what its calls
 * returned, keyed like its plan, or `unavailable` with the reason; the whole never fails.
 */
export async function buildDashboard<K extends string>(
  options: DashboardOptions,
  caller: Caller,
  plan: Record<K, Record<string, SectionCall>>,
): Promise<Record<K, Section>> {
  const signal = AbortSignal.timeout(options.deadlineMs)
  const sections = Object.entries(plan) as [K, Record<string, SectionCall>][]
  const answers = await Promise.all(
    sections.map(async ([name, calls]): Promise<[K, Section]> => {
      try {
        const parts = await Promise.all(
          Object.entries(calls).map(async ([part, target]) => [
            part,
            await askService(options.services, caller, target, signal),
          ]),
        )
        return [name, { status: 'ok', data: Object.fromEntries(parts) }]
      } catch (error) {
        return [name, { status: 'unavailable', reason: reasonOf(error, signal) }]
      }
    }),
  )
  return Object.fromEntries(answers) as Record<K, Section>
}
