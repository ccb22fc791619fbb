import { describe, expect, it } from 'vitest'
import { formMessage, ProblemError, unwrap } from '../../src/api/problem.ts'

const answer = (status: number, headers: Record<string, string> = {}) => new Response(null, { status, headers })

describe('unwrap', () => {
  it('gives the data of a successful answer', () => {
    expect(unwrap({ data: { id: 1 }, response: answer(200) })).toEqual({ id: 1 })
  })

  it('throws the problem, its field messages and its Retry-After', () => {
    const problem = {
      type: 'https://focushub.dev/problems/validation-failed',
      title: 'Bad Request',
      status: 400,
      detail: 'The request is not valid',
      code: 'validation-failed',
      requestId: 'r1',
      errors: [{ field: '/body/title', message: 'must match pattern "\\S"' }],
      roomId: '0190e6f8-0000-7000-8000-000000000001',
    }
    const error = (() => {
      try {
        unwrap({ error: problem, response: answer(400, { 'retry-after': '7' }) })
      } catch (thrown) {
        return thrown
      }
    })() as ProblemError
    expect(error).toBeInstanceOf(ProblemError)
    expect(error.problem).toEqual(problem)
    expect(error.retryAfter).toBe(7)
    expect(error.fieldMessage('title')).toBe('must match pattern "\\S"')
    expect(error.fieldMessage('due')).toBeUndefined()
    // Named by a field, so not repeated above the form.
    expect(formMessage(error)).toBeUndefined()
  })

  it('makes a problem of an answer without one, shown above the form', () => {
    expect(() => unwrap({ response: answer(502) })).toThrow(ProblemError)
    try {
      unwrap({ response: answer(502) })
    } catch (error) {
      expect(formMessage(error)).toBe('The server answered 502.')
    }
    expect(formMessage(new TypeError('Failed to fetch'))).toMatch(/could not be reached/)
  })
})
