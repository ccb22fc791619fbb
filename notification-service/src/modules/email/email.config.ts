import { HttpUrl } from '@focushub/shared/config'
import Type from 'typebox'

/** The variables of the e-mail channel (.env.example, "E-mail"), spread into the service's config schema. */
export const emailConfig = {
  /** Where mail goes: the stack's mail catcher locally, a relay in production (credentials in the URL). */
  SMTP_URL: Type.String({
    pattern: '^smtps?://[^\\s/]+/?(\\?[^\\s]*)?$',
    default: 'smtp://127.0.0.1:1025',
    description: 'smtp://[user:password@]host:port or smtps://…',
  }),
  MAIL_FROM: Type.String({
    pattern: '^([^\\r\\n<>]*<[^\\s@<>]+@[^\\s@<>]+>|[^\\s@<>]+@[^\\s@<>]+)$',
    maxLength: 320,
    default: 'FocusHub <no-reply@focushub.localhost>',
    description: 'an address, optionally with a display name: Name <user@domain>',
  }),
  SMTP_POOL_MAX_CONNECTIONS: Type.Integer({ minimum: 1, maximum: 50, default: 5 }),
  /** Bound of connecting, of the server's greeting and of a silent socket: a dead relay fails a send, never hangs it. */
  SMTP_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 120_000, default: 10_000 }),
  /** Public origin of the links in e-mails (NGINX's, or the edge in front of it). */
  PUBLIC_BASE_URL: HttpUrl('http://localhost'),
  UNSUBSCRIBE_SECRET: Type.String({
    minLength: 32,
    maxLength: 512,
    default: 'focushub-unsubscribe-dev-secret-change-me',
    description: 'at least 32 characters',
  }),
  UNSUBSCRIBE_TOKEN_TTL_DAYS: Type.Integer({ minimum: 1, maximum: 3650, default: 90 }),
}
