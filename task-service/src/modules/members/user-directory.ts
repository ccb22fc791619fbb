import { serviceAuthorization } from '@focushub/shared/auth'
import { errors } from '@focushub/shared/errors'

export interface UserReference {
  id: string
  displayName: string
}

/** auth-service's internal look-up of users: the only way task-service learns who an e-mail is. */
export interface UserDirectory {
  /**
   * The active user with this e-mail, or null. Asked with task-service's own service credential
   * (auth-service refuses user tokens there); `authorization`, the caller's header, is not sent.
   */
  findByEmail(email: string, authorization: string): Promise<UserReference | null>
}

export function createUserDirectory(options: {
  authServiceUrl: string
  timeoutMs: number
  /** task-service's secret for auth-service's internal routes (TASK_SERVICE_INTERNAL_SECRET). */
  secret: string
}): UserDirectory {
  const authorization = serviceAuthorization('task-service', options.secret)
  return {
    async findByEmail(email) {
      const url = new URL('/internal/users/by-email', options.authServiceUrl)
      url.searchParams.set('email', email)
      let response: Response
      try {
        response = await fetch(url, {
          headers: { authorization, accept: 'application/json' },
          signal: AbortSignal.timeout(options.timeoutMs),
        })
      } catch {
        throw errors.unavailable('The user directory cannot be reached; try again')
      }
      if (response.status === 404) return null
      if (!response.ok) throw errors.badGateway(`The user directory answered ${response.status}`)
      const user = (await response.json()) as UserReference
      return { id: user.id, displayName: user.displayName }
    },
  }
}
