import { sql } from 'kysely'
import { expect } from 'vitest'
import { outboxEvents, type Person, send, type TestService } from './support.ts'

/** Helpers of the direct-message suites: relations set in the database, conversations and messages made by route. */
export interface Envelope {
  userId: string
  data: Record<string, unknown> & { audience?: string[] }
}

export const blockBetween = (service: TestService, blocker: Person, blocked: Person) =>
  service.db.insertInto('blocks').values({ blocker_id: blocker.id, blocked_id: blocked.id }).execute()

export const befriend = (service: TestService, a: Person, b: Person) =>
  service.db
    .insertInto('friendships')
    .values([
      { user_id: a.id, friend_id: b.id },
      { user_id: b.id, friend_id: a.id },
    ])
    .execute()

export const letMessage = (service: TestService, person: Person, setting: 'everyone' | 'friends' | 'nobody') =>
  service.db.updateTable('social_profiles').set({ who_may_message: setting }).where('user_id', '=', person.id).execute()

export async function direct(service: TestService, from: Person, to: Person): Promise<string> {
  const response = await send(service, from, 'POST', '/social/conversations/direct', { body: { userId: to.id } })
  expect(response.statusCode, response.body).toBeLessThan(300)
  return response.json().id
}

export async function group(service: TestService, creator: Person, ...members: Person[]): Promise<string> {
  const response = await send(service, creator, 'POST', '/social/conversations', {
    body: { title: 'Study group', memberIds: members.map((member) => member.id) },
  })
  expect(response.statusCode, response.body).toBe(201)
  return response.json().id
}

export async function post(service: TestService, from: Person, conversationId: string, body: string): Promise<string> {
  const response = await send(service, from, 'POST', `/social/conversations/${conversationId}/messages`, {
    body: { body },
  })
  expect(response.statusCode, response.body).toBe(201)
  return response.json().id
}

/** The events of a type about one conversation, oldest first. */
export const eventsOf = async (service: TestService, type: string, conversationId: string) =>
  ((await outboxEvents(service.db, { type })) as Envelope[]).filter(
    (event) => event.data.conversationId === conversationId,
  )

/** Moves a conversation's messages back in time by `ms` (the database's clock decides windows and rates). */
export const age = (service: TestService, conversationId: string, ms: number) =>
  service.db
    .updateTable('messages')
    .set({ created_at: sql`created_at - ${ms} * interval '1 millisecond'` })
    .where('conversation_id', '=', conversationId)
    .execute()
