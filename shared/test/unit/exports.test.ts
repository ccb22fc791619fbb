import Type from 'typebox'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../src/errors.ts'
import { type ExportCollection, idKey, readExportPage, wholeCollection } from '../../src/exports.ts'

const ids = ['a', 'b', 'c', 'd', 'e'].map((letter) => `0190a1b2-0000-7000-8000-00000000000${letter}`)

const collections: ExportCollection[] = [
  wholeCollection('profile', async (userId) => [{ userId }]),
  {
    name: 'items',
    ...idKey,
    read: async (_userId, after: string | undefined, limit) =>
      ids
        .filter((id) => after === undefined || id > after)
        .slice(0, limit)
        .map((id) => ({ id })),
  },
  { name: 'days', key: Type.Tuple([Type.String(), Type.Integer()]), read: async () => [], keyOf: () => ['', 0] },
]

async function everyPage(limit: number) {
  const pages = []
  let after: string | undefined
  do {
    const page = await readExportPage(collections, 'me', { after, limit })
    pages.push({ collection: page.collection, items: page.items.length })
    after = page.next ?? undefined
  } while (after !== undefined)
  return pages
}

const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')

async function refusal(after: string) {
  try {
    await readExportPage(collections, 'me', { after, limit: 2 })
  } catch (error) {
    return error as AppError
  }
  throw new Error('the cursor was accepted')
}

describe('readExportPage', () => {
  it('reads every collection in turn, page by page, each item once', async () => {
    expect(await everyPage(2)).toEqual([
      { collection: 'profile', items: 1 },
      { collection: 'items', items: 2 },
      { collection: 'items', items: 2 },
      { collection: 'items', items: 1 },
      { collection: 'days', items: 0 },
    ])
    // A full last page is followed by an empty one of the same collection: its end is only known then.
    expect(await everyPage(5)).toEqual([
      { collection: 'profile', items: 1 },
      { collection: 'items', items: 5 },
      { collection: 'items', items: 0 },
      { collection: 'days', items: 0 },
    ])
  })

  it('refuses a cursor it did not make (400 naming ?after), never reading with it', async () => {
    for (const forged of [
      'not-json',
      cursor({ collection: 1 }),
      cursor([3, null]),
      cursor([-1, null]),
      cursor([1, 'not-a-uuid']),
      cursor([2, ['2026-01-01', 'x']]),
    ]) {
      const error = await refusal(forged)
      expect(error).toBeInstanceOf(AppError)
      expect(error.status).toBe(400)
      expect(JSON.stringify(error)).toContain('/querystring/after')
    }
  })
})
