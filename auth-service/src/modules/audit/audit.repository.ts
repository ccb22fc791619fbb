import type { RequestContext } from '@focushub/shared/context'
import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { Database } from '../../db/tables.ts'

export interface AuditEntry {
  actorId: string | null
  action: string
  targetUserId: string | null
  details: Record<string, unknown>
}

export async function insertAudit(db: Kysely<Database>, entry: AuditEntry, meta: RequestContext) {
  await db
    .insertInto('audit_log')
    .values({
      id: uuidv7(),
      actor_id: entry.actorId,
      action: entry.action,
      target_user_id: entry.targetUserId,
      details: JSON.stringify(entry.details),
      request_id: meta.requestId,
      ip: meta.ip || null,
    })
    .execute()
}

export interface AuditFilter {
  targetUserId?: string
  action?: string
  before?: string
  limit: number
}

/** Newest first. */
export async function listAudit(db: Kysely<Database>, filter: AuditFilter) {
  let query = db
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(filter.limit + 1)
  if (filter.targetUserId) query = query.where('target_user_id', '=', filter.targetUserId)
  if (filter.action) query = query.where('action', '=', filter.action)
  if (filter.before) query = query.where('id', '<', filter.before)
  return query.execute()
}
