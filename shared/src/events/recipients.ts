import type { EventEnvelope } from './envelope.ts'

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

const idsIn = (value: unknown): string[] => {
  if (typeof value === 'string') return [value]
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []
}

/**
 * Whom an event concerns (who receives it live, whose webhooks it is sent to): its user (the acting user or the owner), the audience of a task
 * event (the project's members), a project's new member, and the users a focus session is shared with.
 */
export function recipientsOf(event: { userId: EventEnvelope['userId']; data: unknown }): string[] {
  const { audience, memberId, recipientIds } = event.data as Record<string, unknown>
  const ids = [event.userId, ...idsIn(audience), ...idsIn(memberId), ...idsIn(recipientIds)]
  return [...new Set(ids.filter((id) => uuid.test(id)).map((id) => id.toLowerCase()))]
}
