import type { Generated } from 'kysely'

/** Where a user's e-mail goes: kept from auth events, erased with the account. */
export interface EmailRecipientsTable {
  user_id: string
  address: string
  display_name: string
  /** occurredAt of the auth event that wrote the row: an older event never overwrites a newer one. */
  as_of: Date
}

/**
 * - `pending`: to send (a job is queued); `sending`: claimed by an attempt that is talking to the relay;
 * - `sent`: the relay took it (`sent_at`); `failed`: refused for good (5xx) or out of attempts;
 * - `unknown`: an attempt died (or lost the relay) after it may have handed the message over: never resent;
 * - `cancelled`: not sent, as the account was refused or the e-mail turned off before its time came.
 */
export type DeliveryState = 'pending' | 'sending' | 'sent' | 'unknown' | 'failed' | 'cancelled'

export interface DeliveriesTable {
  notification_id: string
  channel: 'email'
  state: DeliveryState
  attempts: Generated<number>
  last_error: string | null
  created_at: Generated<Date>
  updated_at: Generated<Date>
  sent_at: Date | null
}
