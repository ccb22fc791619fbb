import type { ExportPage } from '../exports.ts'

interface Answer {
  statusCode: number
  body: string
}

/**
 * Every page of a user's export from a service's GET /internal/users/{id}/export (`get` sends the
 * query string given), collected by collection, with how many pages it took: a small `limit` makes a
 * test cross page and collection boundaries.
 */
export async function readWholeExport(get: (query: string) => Promise<Answer>, limit = 2) {
  const collections: Record<string, Record<string, unknown>[]> = {}
  let after: string | null = null
  let pages = 0
  do {
    const answer: Answer = await get(`?limit=${limit}${after === null ? '' : `&after=${after}`}`)
    if (answer.statusCode !== 200) throw new Error(`the export answered ${answer.statusCode}: ${answer.body}`)
    const page = JSON.parse(answer.body) as ExportPage
    if (page.items.length > limit) throw new Error(`a page of ${page.items.length} items, over its limit ${limit}`)
    collections[page.collection] = [...(collections[page.collection] ?? []), ...page.items]
    after = page.next
    pages += 1
  } while (after !== null)
  return { collections, pages }
}
