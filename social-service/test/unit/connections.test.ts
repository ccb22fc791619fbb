import { describe, expect, it } from 'vitest'
import { toEntry } from '../../src/modules/connections/connections.view.ts'
import {
  ConnectionsCursor,
  decodeListCursor,
  encodeListCursor,
} from '../../src/modules/connections/connections-cursor.ts'
import { prefixPattern } from '../../src/modules/connections/profiles.repository.ts'

describe('the search prefix', () => {
  it('is lower-cased and matches what follows it', () => {
    expect(prefixPattern('AdA')).toBe('ada%')
  })

  it('takes like wildcards and the escape character literally', () => {
    expect(prefixPattern('50%_off\\')).toBe('50\\%\\_off\\\\%')
  })
})

describe('the list cursor', () => {
  it('carries the last entry’s time to the millisecond and its person', () => {
    const position = { at: new Date('2026-12-07T04:00:00.123Z'), userId: '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b' }
    const cursor = encodeListCursor(position)
    expect(cursor).toMatch(new RegExp(ConnectionsCursor.pattern))
    expect(decodeListCursor(cursor)).toEqual(position)
  })

  it('answers 400 for a text of another shape', () => {
    expect(() => decodeListCursor('not-a-cursor')).toThrow(expect.objectContaining({ status: 400 }))
  })
})

describe('a list entry', () => {
  it('shows the person and since when, nothing else of the row', () => {
    const row = {
      user_id: '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
      handle: 'ada',
      display_name: null,
      created_at: new Date('2026-12-07T04:00:00.000Z'),
    }
    expect(toEntry(row)).toEqual({
      user: { userId: row.user_id, handle: 'ada', displayName: null },
      since: '2026-12-07T04:00:00.000Z',
    })
  })
})
