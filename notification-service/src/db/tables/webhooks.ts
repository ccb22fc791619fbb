import type { ColumnType, Generated, Selectable } from 'kysely'

type Json<T> = ColumnType<T, string, string>

export interface WebhooksTable {
  /** UUIDv7. */
  id: string
  /** Its owner: the only user who sees or changes it, and whose events (or project's) it is sent. */
  user_id: string
  /** A project's webhook (its owner's): the project's events; null: the events that concern its owner. */
  project_id: string | null
  url: string
  description: Generated<string>
  event_types: string[]
  /** `whsec_…` (Standard Webhooks), sealed (secret-box.ts): kept to sign, shown only when made. */
  secret: string
  /** Its first characters (`whsec_` and 6 more), which the list shows. */
  secret_hint: Generated<string>
  /** The secret before the last rotation (sealed), still signing until `previous_secret_expires_at`. */
  previous_secret: string | null
  previous_secret_expires_at: Date | null
  enabled: Generated<boolean>
  /** Why it was turned off by FocusHub: `failing` (a delivery failed for WEBHOOK_RETRY_HOURS). */
  disabled_reason: 'failing' | null
  created_at: Generated<Date>
  updated_at: Generated<Date>
}

export type WebhookRow = Selectable<WebhooksTable>

/** `pending`: to be tried (again); `delivered`: a 2xx answer; `failed`: out of retries. */
export type WebhookDeliveryState = 'pending' | 'delivered' | 'failed'

export interface WebhookDeliveriesTable {
  /** UUIDv7: the `webhook-id` header, the same on every retry and replay. */
  id: string
  webhook_id: string
  event_id: string
  event_type: string
  /** The body sent, as signed. */
  payload: Json<unknown>
  state: Generated<WebhookDeliveryState>
  attempts: Generated<number>
  last_status: number | null
  last_error: string | null
  last_duration_ms: number | null
  created_at: Generated<Date>
  /** Its first attempt's time, or its replay's: retried for WEBHOOK_RETRY_HOURS from then. */
  retrying_since: Generated<Date>
  next_attempt_at: Date | null
  delivered_at: Date | null
}

export type WebhookDeliveryRow = Selectable<WebhookDeliveriesTable>

export interface WebhookAttemptsTable {
  delivery_id: string
  number: number
  attempted_at: Date
  /** The answer's HTTP status; null when none came (refused, timed out, guard). */
  status: number | null
  error: string | null
  duration_ms: number
}
