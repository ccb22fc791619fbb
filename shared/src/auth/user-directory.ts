import Type from 'typebox'
import { HttpUrl } from '../config.ts'
import { errors } from '../errors.ts'
import { askInternal, serviceAuthorization } from './service-credentials.ts'

/** What another service may learn of a user it was told the e-mail of: no more than a member list shows. */
export interface UserReference {
  id: string
  displayName: string
}

/** auth-service's internal look-up of users: the only way a service learns who an e-mail is. */
export interface UserDirectory {
  /** The active user with this e-mail, or null. */
  findByEmail(email: string): Promise<UserReference | null>
}

/** Where and how long a service asks auth-service's directory. */
export const userDirectoryConfig = {
  AUTH_SERVICE_URL: HttpUrl('http://127.0.0.1:3001'),
  AUTH_LOOKUP_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 30_000, default: 3000 }),
}

/**
 * The directory client of the service named `service`, asking with that service's own credential
 * (its entry in auth-service's INTERNAL_CALLERS): auth-service refuses user tokens there, so no
 * user's token is ever sent. Unreachable or too slow: 503; any answer but the user or 404: 502.
 */
export function createUserDirectory(options: {
  authServiceUrl: string
  timeoutMs: number
  service: string
  secret: string
}): UserDirectory {
  const authorization = serviceAuthorization(options.service, options.secret)
  return {
    async findByEmail(email) {
      const url = new URL('/internal/users/by-email', options.authServiceUrl)
      url.searchParams.set('email', email)
      const response = await askInternal(url, { authorization, timeoutMs: options.timeoutMs }).catch(() => {
        throw errors.unavailable('The user directory cannot be reached; try again')
      })
      if (response.status === 404) return null
      if (!response.ok) throw errors.badGateway(`The user directory answered ${response.status}`)
      const user = (await response.json()) as UserReference
      return { id: user.id, displayName: user.displayName }
    },
  }
}
