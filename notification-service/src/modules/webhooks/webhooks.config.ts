import Type from 'typebox'

/** The variables of outgoing webhooks (.env.example, "Webhooks"), spread into the service's config schema. */
export const webhooksConfig = {
  /**
   * Lets a webhook's URL be `http:` and reach private, loopback and link-local addresses: for the local
   * stack and its tests only (their receivers listen on loopback). Off, only `https:` to a public address.
   */
  WEBHOOK_ALLOW_PRIVATE_TARGETS: Type.Boolean({ default: false }),
  /** Bound of one delivery attempt, from connecting to the last byte of the answer. */
  WEBHOOK_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 60_000, default: 10_000 }),
  /** How long a delivery is retried after its first attempt before it fails (and its webhook is turned off). */
  WEBHOOK_RETRY_HOURS: Type.Integer({ minimum: 1, maximum: 72, default: 24 }),
  /** The first retry's wait; each next one waits longer (webhook-schedule.ts). */
  WEBHOOK_FIRST_RETRY_SECONDS: Type.Integer({ minimum: 1, maximum: 3600, default: 10 }),
  /**
   * The keys sealing webhook secrets at rest (AES-256-GCM, secret-box.ts): `id:base64 of 32 bytes`, comma-
   * separated; the first seals, every one opens. Rotate by putting a new key first; drop the old one once
   * the service has started with both (it seals every secret again under the first).
   */
  WEBHOOK_SECRET_KEYS: Type.String({
    pattern: '^[a-z0-9-]{1,20}:[A-Za-z0-9+/]{43}=(,[a-z0-9-]{1,20}:[A-Za-z0-9+/]{43}=)*$',
    default: 'dev-1:ZGV2LW9ubHktd2ViaG9vay1zZWNyZXQta2V5LTAwMDA=',
    description: 'id:base64 of a 32-byte key, comma-separated, the current one first',
  }),
  /** How long a delivery and its attempts stay in the log once it is no longer pending. */
  WEBHOOK_LOG_RETENTION_DAYS: Type.Integer({ minimum: 1, maximum: 365, default: 30 }),
}
