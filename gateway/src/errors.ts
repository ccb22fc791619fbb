import { errorCatalogue } from '@focushub/shared/errors'

/**
 * Every failure the gateway itself answers beyond the shared ones (validation-failed, unauthorized,
 * forbidden, too-many-requests, bad-gateway, service-unavailable, gateway-timeout …): one code
 * each, declared here once. The README's error catalogue lists them; the services' own codes pass
 * through unchanged.
 */
export const gatewayErrors = errorCatalogue({
  'non-canonical-path': { status: 400, meaning: 'The path has dot segments, doubled slashes or encoded separators' },
  'invalid-idempotency-key': { status: 400, meaning: 'Idempotency-Key must be 1 to 255 visible ASCII characters' },
  'idempotency-key-in-use': { status: 409, meaning: 'A request with this Idempotency-Key is still running' },
  'payload-too-large': { status: 413, meaning: 'The request body exceeds the gateway body limit' },
  'too-many-streams': { status: 429, meaning: 'The user has the maximum of open SSE / WebSocket streams' },
})

export type GatewayErrorCode = keyof typeof gatewayErrors.definitions

export const gatewayError = gatewayErrors.error
