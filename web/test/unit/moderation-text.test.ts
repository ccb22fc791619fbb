import { describe, expect, it } from 'vitest'
import { type Problem, ProblemError } from '../../src/api/problem.ts'
import {
  canModerate,
  caseTitle,
  changesStanding,
  checkResolution,
  hiddenText,
  type ResolveInput,
  reasonLabel,
  reasonsText,
  reportedText,
  reportReasons,
  reportRefusal,
  reportsText,
  resolutionText,
  resolveRefusal,
  socialWriteMessage,
  suspensionInForce,
  waitText,
} from '../../src/moderation/moderation-text.ts'

const problem = (fields: Partial<Problem>, retryAfter?: number) =>
  new ProblemError(
    { type: 'about:blank', title: 'Refused', status: 400, detail: 'The API said no.', ...fields },
    retryAfter,
  )
const at = (instant: string) => `[${instant}]`
const ada = { userId: '0190e6f8-0000-7000-8000-0000000000ad', displayName: 'Ada', handle: 'ada' }

describe('reasons', () => {
  it('offers the API’s seven reasons, each said in words', () => {
    expect(reportReasons.map(({ value }) => value)).toEqual([
      'spam',
      'harassment',
      'hate',
      'violence',
      'sexual',
      'self-harm',
      'other',
    ])
    expect(reasonLabel('harassment')).toBe('Harassment or bullying')
    expect(reasonLabel('unknown')).toBe('unknown')
  })

  it('says a case’s reasons with their counts, and its reports', () => {
    expect(
      reasonsText([
        { reason: 'spam', count: 2 },
        { reason: 'other', count: 1 },
      ]),
    ).toBe('Spam (2), Something else (1)')
    expect([1, 3].map(reportsText)).toEqual(['1 report', '3 reports'])
  })
})

describe('canModerate', () => {
  it('is moderators and admins only', () => {
    expect(['moderator', 'admin', 'user', ''].map(canModerate)).toEqual([true, true, false, false])
  })
})

describe('caseTitle', () => {
  it('names what was reported and whose it is', () => {
    expect(caseTitle({ target: { type: 'post' }, subject: ada })).toBe('Post by Ada (@ada)')
    expect(caseTitle({ target: { type: 'message' }, subject: { ...ada, handle: null } })).toBe('Message by Ada')
    expect(caseTitle({ target: { type: 'user' }, subject: ada })).toBe('Person: Ada (@ada)')
  })

  it('never shows a whole id for someone without a name yet', () => {
    expect(caseTitle({ target: { type: 'comment' }, subject: { ...ada, displayName: null, handle: null } })).toBe(
      'Comment by Someone …000000ad',
    )
  })
})

describe('reportRefusal', () => {
  it('says plainly that one’s own things and oneself cannot be reported', () => {
    const self = problem({ status: 422, code: 'report-self' })
    expect(reportRefusal(self, 'post')).toBe('You cannot report a post you wrote.')
    expect(reportRefusal(self, 'user')).toBe('You cannot report yourself.')
  })

  it('says something gone is no longer there to report', () => {
    expect(reportRefusal(problem({ status: 404, code: 'not-found' }), 'comment')).toBe(
      'This comment is no longer there for you to report.',
    )
  })

  it('says how long to wait once the day’s reports are spent', () => {
    expect(reportRefusal(problem({ status: 429, code: 'report-rate-limited' }, 5400), 'message')).toBe(
      'You have sent as many reports as a day allows. Try again in 2 hours.',
    )
  })

  it('leaves a field’s message under its field, and says the rest as the API did', () => {
    const field = problem({ errors: [{ field: '/body/details', message: 'must be shorter' }] })
    expect(reportRefusal(field, 'post')).toBeUndefined()
    expect(reportRefusal(problem({ status: 500 }), 'post')).toBe('The API said no.')
    expect(reportRefusal(new TypeError('offline'), 'post')).toContain('could not be reached')
  })

  it('confirms a report, and one already open', () => {
    expect(reportedText(false)).toBe('Reported. A moderator will look at it.')
    expect(reportedText(true)).toBe('You reported this already. A moderator will look at it.')
  })
})

describe('waitText', () => {
  it('rounds up to minutes, then hours', () => {
    expect([1, 60, 61, 3599, 3600, 3601].map(waitText)).toEqual([
      '1 minute',
      '1 minute',
      '2 minutes',
      '1 hour',
      '1 hour',
      '2 hours',
    ])
  })
})

describe('suspension', () => {
  it('is in force until its end', () => {
    const now = Date.parse('2026-12-07T10:00:00Z')
    expect(suspensionInForce({ until: '2026-12-07T10:00:01Z' }, now)).toBe(true)
    expect(suspensionInForce({ until: '2026-12-07T10:00:00Z' }, now)).toBe(false)
    expect(suspensionInForce(null, now)).toBe(false)
  })

  it('says a refused write of a suspended user with its end, and anything else as usual', () => {
    const suspended = problem({ status: 403, code: 'social-suspended', until: '2026-12-10T00:00:00.000Z' })
    expect(socialWriteMessage(suspended, at)).toBe(
      'You are suspended from social features until [2026-12-10T00:00:00.000Z]. Until then you cannot post, ' +
        'comment, like, send messages, follow or ask to be friends.',
    )
    expect(socialWriteMessage(problem({ status: 429, detail: 'Over 50 posts a day' }), at)).toBe('Over 50 posts a day')
    expect(socialWriteMessage(null, at)).toBeUndefined()
  })
})

describe('hiddenText', () => {
  it('says a moderator hid it, and why when I may know', () => {
    expect(hiddenText('Spam links')).toBe('Hidden by a moderator: Spam links')
    expect(hiddenText(null)).toBe('Hidden by a moderator')
  })
})

describe('checkResolution', () => {
  const typed: ResolveInput = { decision: 'act', hide: false, warn: false, suspendDays: '', reason: '', note: '' }

  it('sends a dismissal with its note, or none', () => {
    expect(checkResolution({ ...typed, decision: 'dismiss', note: ' fine ' }, 'post')).toEqual({
      resolution: { decision: 'dismiss', note: 'fine' },
    })
    expect(checkResolution({ ...typed, decision: 'dismiss' }, 'post')).toEqual({ resolution: { decision: 'dismiss' } })
  })

  it('sends an action with what was chosen and the reason the author reads', () => {
    expect(checkResolution({ ...typed, hide: true, warn: true, reason: ' Spam links ' }, 'post')).toEqual({
      resolution: { decision: 'act', hide: true, warn: true, suspendDays: null, reason: 'Spam links' },
    })
    expect(checkResolution({ ...typed, suspendDays: '7', reason: 'Again' }, 'user')).toEqual({
      resolution: { decision: 'act', hide: false, warn: false, suspendDays: 7, reason: 'Again' },
    })
  })

  it('refuses an action with nothing chosen (hiding a person is nothing)', () => {
    expect(checkResolution({ ...typed, reason: 'x' }, 'post')).toEqual({
      field: 'action',
      error: 'Choose at least one: hide, warn or suspend.',
    })
    expect(checkResolution({ ...typed, hide: true, reason: 'x' }, 'user')).toMatchObject({ field: 'action' })
  })

  it('refuses days outside 1–365 or not whole, and a blank reason', () => {
    for (const days of ['0', '366', '1.5', 'soon'])
      expect(checkResolution({ ...typed, suspendDays: days, reason: 'x' }, 'post')).toMatchObject({
        field: 'suspendDays',
      })
    expect(checkResolution({ ...typed, warn: true, reason: '  ' }, 'post')).toEqual({
      field: 'reason',
      error: 'Say why: the author reads this.',
    })
  })
})

describe('resolutionText', () => {
  it('says a dismissal, or what was done', () => {
    const none = { decision: 'act' as const, hide: false, warn: false, suspendedUntil: null }
    expect(resolutionText({ ...none, decision: 'dismiss' }, at)).toBe('Dismissed')
    expect(resolutionText({ ...none, hide: true, warn: true }, at)).toBe('Hidden, warned')
    expect(resolutionText({ ...none, suspendedUntil: '2026-12-14T10:00:00Z' }, at)).toBe(
      'Suspended until [2026-12-14T10:00:00Z]',
    )
  })
})

describe('resolveRefusal', () => {
  it('says plainly why the API refused a resolution', () => {
    expect(resolveRefusal(problem({ status: 409, code: 'case-closed' }))).toContain('resolved already')
    expect(resolveRefusal(problem({ status: 403, code: 'moderate-self' }))).toBe(
      'This case is about you: another moderator has to resolve it.',
    )
    expect(resolveRefusal(problem({ status: 422, code: 'nothing-to-hide' }))).toContain('no content to hide')
    expect(resolveRefusal(problem({ status: 500 }))).toBe('The API said no.')
  })
})

describe('changesStanding', () => {
  it('reads my standing again on a moderation event about me only', () => {
    const types = ['social.moderation.content_hidden', 'social.moderation.warned', 'social.moderation.suspended']
    expect(types.map(changesStanding)).toEqual([true, true, true])
    expect(['social.report.resolved', 'social.post.liked'].map(changesStanding)).toEqual([false, false])
  })
})
