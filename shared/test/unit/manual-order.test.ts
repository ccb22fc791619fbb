import { describe, expect, it } from 'vitest'
import { type OrderedList, placeInOrder } from '../../src/db/manual-order.ts'

/** A list in memory, kept as the databases keep theirs: sorted by (position, id). */
function listOf(items: Array<{ id: string; position: number }>) {
  const sorted = () => [...items].sort((a, b) => a.position - b.position || a.id.localeCompare(b.id))
  let renumbered = 0
  const list = (movingId: string): OrderedList => ({
    async neighboursOf(position) {
      const others = sorted().filter((item) => item.id !== movingId)
      const below = others.filter((item) => item.position < position).at(-1)
      return {
        holderId: others.find((item) => item.position === position)?.id ?? null,
        below: below?.position ?? null,
      }
    },
    async positionOf(itemId) {
      return items.find((item) => item.id === itemId)!.position
    },
    async renumber() {
      renumbered++
      sorted().forEach((item, rank) => {
        item.position = rank
      })
    },
  })
  const move = async (id: string, wanted: number) => {
    const item = items.find((candidate) => candidate.id === id)!
    item.position = await placeInOrder(list(id), wanted)
  }
  return {
    move,
    order: () => sorted().map((item) => item.id),
    positionOf: (id: string) => items.find((item) => item.id === id)!.position,
    renumbered: () => renumbered,
  }
}

describe('manual order', () => {
  it('puts an item at a free position, and just before the item holding a taken one', async () => {
    const list = listOf([
      { id: 'a', position: 0 },
      { id: 'b', position: 1 },
      { id: 'c', position: 2 },
    ])
    await list.move('c', 0)
    expect(list.order()).toEqual(['c', 'a', 'b'])
    await list.move('a', 1)
    expect(list.order()).toEqual(['c', 'a', 'b'])
    await list.move('c', 7)
    expect(list.order()).toEqual(['a', 'b', 'c'])
    await list.move('c', 1)
    expect(list.order()).toEqual(['a', 'c', 'b'])
  })

  it('renumbers the list once a gap is halved too often, and still places the item where asked', async () => {
    const list = listOf([
      { id: 'a', position: 0 },
      { id: 'b', position: 1 },
      { id: 'x', position: 5 },
      { id: 'y', position: 6 },
    ])
    // x and y in turn go to b's position, each just before b: every move halves the gap below b.
    for (let i = 0; i < 120; i++) {
      const mover = i % 2 === 0 ? 'x' : 'y'
      await list.move(mover, list.positionOf('b'))
      const order = list.order()
      expect(order.indexOf(mover)).toBe(order.indexOf('b') - 1)
      expect(order[0]).toBe('a')
    }
    expect(list.renumbered()).toBeGreaterThan(0)
  })
})
