// Errors that mean a dependency (the database above all) cannot be reached right now, rather than
// a bug: the answer is 503 + Retry-After, and the client may try again (found by bench/drills).

/** SQLSTATEs of a server that refuses or drops the session, not the statement. */
const unavailableSqlStates = new Set([
  '57P01', // admin_shutdown: our session was terminated
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or shutting down
  '53300', // too_many_connections
  '3D000', // invalid_catalog_name: the database is gone
])

const socketCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND'])

/** node-postgres reports a lost or never-made connection by message only. */
const lostConnection =
  /^Connection terminated|^timeout exceeded when trying to connect|^Client has encountered a connection error/

export function isDependencyUnavailable(error: unknown) {
  if (!(error instanceof Error)) return false
  const { code, routine } = error as Error & { code?: unknown; routine?: unknown }
  if (typeof code === 'string') {
    if (unavailableSqlStates.has(code) || code.startsWith('08') || socketCodes.has(code)) return true
    // 55000 is object_not_in_prerequisite_state; raised at connect it is "database … is not
    // currently accepting connections" (ALTER DATABASE … ALLOW_CONNECTIONS false).
    if (code === '55000' && routine === 'CheckMyDatabase') return true
  }
  return lostConnection.test(error.message)
}
