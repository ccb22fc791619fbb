import { QueryClient, QueryObserver } from '@tanstack/react-query'
import { describe, expect, it } from 'vitest'
import { AppQueryClient } from '../../src/api/query-client.ts'

/** A list whose first read is slow and answers what was there before a write; later reads see the write. */
async function invalidatedDuringFirstFetch(client: QueryClient) {
  let reads = 0
  const observer = new QueryObserver(client, {
    queryKey: ['list'],
    queryFn: async () => {
      reads += 1
      const answer = reads === 1 ? [] : ['the new item']
      await new Promise((resolve) => setTimeout(resolve, reads === 1 ? 50 : 1))
      return answer
    },
  })
  const stop = observer.subscribe(() => {})
  await new Promise((resolve) => setTimeout(resolve, 5))
  await client.invalidateQueries({ queryKey: ['list'] })
  await new Promise((resolve) => setTimeout(resolve, 80))
  stop()
  return { reads, data: client.getQueryData(['list']) }
}

describe('AppQueryClient', () => {
  it('reads a query again when it is invalidated during its first fetch', async () => {
    expect(await invalidatedDuringFirstFetch(new AppQueryClient())).toEqual({ reads: 2, data: ['the new item'] })
  })

  it('is needed: a plain QueryClient keeps the first answer', async () => {
    expect(await invalidatedDuringFirstFetch(new QueryClient())).toEqual({ reads: 1, data: [] })
  })
})
