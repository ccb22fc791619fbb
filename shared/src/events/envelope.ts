import Type, { type Static } from 'typebox'
import { v7 as uuidv7 } from 'uuid'
import type { RequestContext } from '../context.ts'
import { validatorOf } from '../validators.ts'
import { contractOf, type EventData, type EventType, type Topic } from './contracts/index.ts'

export const EventEnvelope = Type.Object({
  id: Type.String({ format: 'uuid' }),
  type: Type.String({ pattern: '^[a-z]+(\\.[a-z_]+)+$' }),
  version: Type.Integer({ minimum: 1 }),
  occurredAt: Type.String({ format: 'date-time' }),
  producer: Type.String(),
  userId: Type.String(),
  requestId: Type.String(),
  data: Type.Record(Type.String(), Type.Unknown()),
})

export type EventEnvelope = Static<typeof EventEnvelope>

/** Raised when an event does not match its contract: it is never published. */
export class EventContractError extends Error {
  constructor(type: string, version: number, problems: string[]) {
    super(`event ${type} v${version} breaks its contract: ${problems.join('; ')}`)
    this.name = 'EventContractError'
  }
}

/** Checks an envelope and its payload against the shared contract; returns the event's topic. */
export function validateEvent(event: unknown): Topic {
  const envelope = validatorOf(EventEnvelope)
  if (!envelope.Check(event)) {
    const problems = envelope.Errors(event).map((e) => `${e.instancePath || '/'} ${e.message}`)
    const { type = '?', version = 0 } = (event ?? {}) as { type?: string; version?: number }
    throw new EventContractError(String(type), Number(version), problems)
  }
  const contract = contractOf(event.type, event.version)
  if (!contract) throw new EventContractError(event.type, event.version, ['unknown type or version'])
  const payload = validatorOf(contract.schema)
  if (!payload.Check(event.data)) {
    const problems = payload.Errors(event.data).map((e) => `data${e.instancePath} ${e.message}`)
    throw new EventContractError(event.type, event.version, problems)
  }
  return contract.topic
}

/** A new event of the given type (version 1 unless told), validated against its contract. */
export function createEvent<T extends EventType>(
  type: T,
  data: EventData<T>,
  context: { producer: string } & Pick<RequestContext, 'userId' | 'requestId'>,
  version = 1,
) {
  const event: EventEnvelope = {
    id: uuidv7(),
    type,
    version,
    occurredAt: new Date().toISOString(),
    producer: context.producer,
    userId: context.userId,
    requestId: context.requestId,
    data: data as Record<string, unknown>,
  }
  const topic = validateEvent(event)
  return { topic, event }
}
