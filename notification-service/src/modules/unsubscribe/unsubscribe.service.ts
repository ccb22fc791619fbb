import type { Kysely } from 'kysely'
import type { NotificationContext } from '../../context.ts'
import type { Database } from '../../db/tables.ts'
import { notificationError } from '../../errors.ts'
import type { UnsubscribeScope, UnsubscribeTokens, UnsubscribeVerdict } from '../email/unsubscribe-token.ts'
import { findPreferences, savePreferences } from '../preferences/preferences.repository.ts'

export type ValidUnsubscribe = Extract<UnsubscribeVerdict, { valid: true }>

/** The user and scope a link names, or its failure as a problem (400 invalid, 410 expired). */
export async function checkUnsubscribeToken(tokens: UnsubscribeTokens, token: string): Promise<ValidUnsubscribe> {
  const verdict = await tokens.verify(token)
  if (verdict.valid) return verdict
  if (verdict.reason === 'expired') {
    throw notificationError('unsubscribe-link-expired', 'This unsubscribe link has expired')
  }
  throw notificationError('unsubscribe-link-invalid', 'This unsubscribe link is not valid')
}

/**
 * Turns off the e-mail of one kind (or of every kind) for the user, keeping the rest of their settings;
 * again is no error. E-mails already queued are not sent (the job reads the settings at send time).
 */
export function unsubscribe(ctx: NotificationContext, userId: string, scope: UnsubscribeScope) {
  return ctx.db.transaction().execute(async (trx: Kysely<Database>) => {
    // One writer at a time per user: a concurrent PUT /notification-settings is not lost half-way.
    await trx
      .selectFrom('notification_preferences')
      .select('user_id')
      .where('user_id', '=', userId)
      .forUpdate()
      .execute()
    const preferences = await findPreferences(trx, userId)
    const kinds = Object.fromEntries(
      Object.entries(preferences.kinds).map(([kind, channels]) => [
        kind,
        scope === 'all' || scope === kind ? { ...channels, email: false } : channels,
      ]),
    ) as typeof preferences.kinds
    return savePreferences(trx, userId, { ...preferences, kinds })
  })
}
