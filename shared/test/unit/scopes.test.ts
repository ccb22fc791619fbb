import { describe, expect, it } from 'vitest'
import { checkScopes, scopeFor } from '../../src/auth/scopes.ts'
import { AppError } from '../../src/errors.ts'

const refusal = (run: () => void) => {
  try {
    run()
  } catch (error) {
    return error as AppError
  }
  throw new Error('not refused')
}

describe('personal access token scopes', () => {
  it('reads need :read or :write, anything else :write', () => {
    expect(scopeFor('tasks', 'GET')).toBe('tasks:read')
    expect(scopeFor('tasks', 'HEAD')).toBe('tasks:read')
    expect(scopeFor('habits', 'PATCH')).toBe('habits:write')
    expect(() => checkScopes(['habits:write'], ['habits'], 'GET')).not.toThrow()
    expect(refusal(() => checkScopes(['habits:read'], ['habits'], 'DELETE')).extras.details).toEqual({
      scope: 'habits:write',
    })
  })

  it('a request over several areas needs each; one in none refuses any scoped token', () => {
    expect(() =>
      checkScopes(['tasks:read', 'focus:read', 'habits:read'], ['tasks', 'focus', 'habits'], 'GET'),
    ).not.toThrow()
    const partial = refusal(() => checkScopes(['tasks:read', 'habits:read'], ['tasks', 'focus', 'habits'], 'GET'))
    expect(partial).toBeInstanceOf(AppError)
    expect(partial.status).toBe(403)
    expect(partial.extras.details).toEqual({ scope: 'focus:read' })
    const nowhere = refusal(() => checkScopes(['tasks:write'], [], 'GET'))
    expect(nowhere.code).toBe('insufficient-scope')
    expect(nowhere.extras.headers?.['www-authenticate']).toBe('Bearer error="insufficient_scope"')
  })

  it("leaves a sign-in's token, which has no scopes, alone", () => {
    expect(() => checkScopes(undefined, [], 'POST')).not.toThrow()
  })
})
