import type { Span, SpanProcessor } from '@opentelemetry/sdk-trace'
import { ATTR_URL_FULL, ATTR_URL_PATH, ATTR_URL_QUERY } from '@opentelemetry/semantic-conventions'
import { redactUrl } from '../logger.ts'

/** Probes and scrapes, asked every second or two by the balancer, the gateways and Prometheus: never traced. */
const untraced = new Set(['/health', '/ready', '/metrics'])

export const untracedPath = (url: string | undefined) => untraced.has((url ?? '').split('?', 1)[0] ?? '')

/**
 * A share link's token and an unsubscribe link's token are credentials: a span's URL attributes are
 * redacted as the log lines' are (redactUrl) before the span is exported, whichever instrumentation set them.
 */
export const redactingSpanProcessor: SpanProcessor = {
  onStart() {},
  onEnding(span: Span) {
    const { attributes } = span
    for (const key of [ATTR_URL_FULL, ATTR_URL_PATH]) {
      const value = attributes[key]
      if (typeof value === 'string') span.setAttribute(key, redactUrl(value))
    }
    const query = attributes[ATTR_URL_QUERY]
    if (typeof query === 'string' && query !== '') {
      // undici's spans write the query with its `?`, http's without.
      const redacted = redactUrl(`?${query.replace(/^\?/, '')}`)
      span.setAttribute(ATTR_URL_QUERY, query.startsWith('?') ? redacted : redacted.slice(1))
    }
  },
  onEnd() {},
  forceFlush: async () => {},
  shutdown: async () => {},
}
