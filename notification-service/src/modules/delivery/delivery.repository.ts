import type { ProfileEvent } from '@focushub/shared/events'
import type { Kysely } from 'kysely'
import type { DeliveryState } from '../../db/tables/deliveries.ts'
import type { Database } from '../../db/tables.ts'

/** Keeps the address (auth.user.registered) and name (every profile event) e-mail goes to; safe to redeliver. */
export async function saveRecipient(db: Kysely<Database>, event: ProfileEvent) {
  const asOf = new Date(event.occurredAt)
  if (event.type === 'auth.user.registered') {
    const row = { address: event.data.email, display_name: event.data.displayName, as_of: asOf }
    await db
      .insertInto('email_recipients')
      .values({ user_id: event.userId, ...row })
      .onConflict((c) =>
        c.column('user_id').doUpdateSet(row).whereRef('email_recipients.as_of', '<=', 'excluded.as_of'),
      )
      .execute()
    return
  }
  await db
    .updateTable('email_recipients')
    .set({ display_name: event.data.displayName, as_of: asOf })
    .where('user_id', '=', event.userId)
    .where('as_of', '<=', asOf)
    .execute()
}

/**
 * The names some users go by (kept from their profile events with their address), for notifications that
 * name them; a user with no row (registered before this table, or deleted) is left out.
 */
export async function displayNamesOf(db: Kysely<Database>, userIds: string[]) {
  if (userIds.length === 0) return new Map<string, string>()
  const rows = await db
    .selectFrom('email_recipients')
    .select(['user_id', 'display_name'])
    .where('user_id', 'in', userIds)
    .execute()
  return new Map(rows.map((row) => [row.user_id, row.display_name]))
}

export async function eraseRecipient(db: Kysely<Database>, userId: string) {
  await db.deleteFrom('email_recipients').where('user_id', '=', userId).execute()
}

/** What deciding some users' e-mails needs: their settings (no row: the defaults) and time zone (none: UTC). */
export async function emailAudience(db: Kysely<Database>, userIds: string[]) {
  if (userIds.length === 0) return { preferences: [], profiles: [] }
  const [preferences, profiles] = await Promise.all([
    db.selectFrom('notification_preferences').selectAll().where('user_id', 'in', userIds).execute(),
    db.selectFrom('user_profiles').select(['user_id', 'timezone']).where('user_id', 'in', userIds).execute(),
  ])
  return { preferences, profiles }
}

export async function insertDeliveries(db: Kysely<Database>, notificationIds: string[]) {
  if (notificationIds.length === 0) return
  await db
    .insertInto('deliveries')
    .values(
      notificationIds.map((id) => ({ notification_id: id, channel: 'email' as const, state: 'pending' as const })),
    )
    .onConflict((c) => c.doNothing())
    .execute()
}

/** The e-mail delivery of a notification, locked until the transaction ends, with what sending it needs. */
export async function lockEmailDelivery(trx: Kysely<Database>, notificationId: string) {
  const delivery = await trx
    .selectFrom('deliveries')
    .select(['state', 'attempts'])
    .where('notification_id', '=', notificationId)
    .where('channel', '=', 'email')
    .forUpdate()
    .executeTakeFirst()
  if (!delivery) return undefined
  const notification = await trx
    .selectFrom('notifications as n')
    .leftJoin('email_recipients as r', 'r.user_id', 'n.user_id')
    .select(['n.id', 'n.user_id', 'n.kind', 'n.title', 'n.body', 'n.data', 'r.address', 'r.display_name'])
    .where('n.id', '=', notificationId)
    .executeTakeFirstOrThrow()
  return { ...delivery, notification }
}

export async function setEmailDelivery(
  db: Kysely<Database>,
  notificationId: string,
  state: DeliveryState,
  changes: { attempts?: number; lastError?: string | null; sentAt?: Date } = {},
) {
  await db
    .updateTable('deliveries')
    .set({
      state,
      updated_at: new Date(),
      ...(changes.attempts === undefined ? {} : { attempts: changes.attempts }),
      ...(changes.lastError === undefined ? {} : { last_error: changes.lastError }),
      ...(changes.sentAt === undefined ? {} : { sent_at: changes.sentAt }),
    })
    .where('notification_id', '=', notificationId)
    .where('channel', '=', 'email')
    .execute()
}
