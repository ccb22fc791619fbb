import { randomUUID } from 'node:crypto'
import { expect } from 'vitest'
import { deliverEvents, type Person, registered, send, type TestService } from './support.ts'

/** Helpers of the moderation suites: moderators, reports and resolutions made by route. */
export type TargetType = 'post' | 'comment' | 'message' | 'user'

/** A person known to the service whose tokens carry `role`. */
export async function newModerator(
  service: TestService,
  displayName = `Moderator ${randomUUID().slice(0, 8)}`,
  role: 'moderator' | 'admin' = 'moderator',
): Promise<Person> {
  const id = randomUUID()
  await deliverEvents(service, [registered(id, displayName)])
  return { id, headers: await service.bearer(id, role) }
}

export const reportOf = (
  service: TestService,
  reporter: Person,
  type: TargetType,
  id: string,
  reason = 'spam',
  details?: string,
) =>
  send(service, reporter, 'POST', '/social/reports', {
    body: { target: { type, id }, reason, ...(details === undefined ? {} : { details }) },
  })

/** Files a report (201) and answers it. */
export async function report(service: TestService, reporter: Person, type: TargetType, id: string, reason = 'spam') {
  const response = await reportOf(service, reporter, type, id, reason)
  expect(response.statusCode, response.body).toBe(201)
  return response.json() as { id: string; status: string }
}

/** The open case of a target (its id), found through the database. */
export async function caseOf(service: TestService, type: TargetType, id: string) {
  const row = await service.db
    .selectFrom('social_moderation_cases')
    .select('id')
    .where('target_type', '=', type)
    .where('target_id', '=', id)
    .orderBy('opened_at', 'desc')
    .executeTakeFirstOrThrow()
  return row.id
}

export const resolve = (service: TestService, moderator: Person, caseId: string, body: object) =>
  send(service, moderator, 'POST', `/social/moderation/cases/${caseId}/resolve`, { body })

export const act = (
  choice: { hide?: boolean; warn?: boolean; suspendDays?: number | null },
  reason = 'Against the rules',
) => ({ decision: 'act', hide: false, warn: false, suspendDays: null, reason, ...choice })
