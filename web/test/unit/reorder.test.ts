import { describe, expect, it } from 'vitest'
import { announce, moveTo, placement } from '../../src/tasks/reorder.ts'
import type { Task } from '../../src/tasks/task-queries.ts'

const at = (id: string, position: number) => ({ id, position }) as Task

describe('the manual order', () => {
  it('moves an id to an index of the others, clamped to the list', () => {
    expect(moveTo(['a', 'b', 'c', 'd'], 'd', 1)).toEqual(['a', 'd', 'b', 'c'])
    expect(moveTo(['a', 'b', 'c', 'd'], 'a', 2)).toEqual(['b', 'c', 'a', 'd'])
    expect(moveTo(['a', 'b', 'c'], 'b', -1)).toEqual(['b', 'a', 'c'])
    expect(moveTo(['a', 'b', 'c'], 'b', 9)).toEqual(['a', 'c', 'b'])
  })

  it("sends the next task's position, or one past the last, and shows it halfway meanwhile", () => {
    const order = [at('a', 10), at('moved', 99), at('b', 20), at('c', 30)]
    expect(placement(order, 1)).toEqual({ position: 20, estimate: 15 })
    expect(placement([at('moved', 99), at('a', 10)], 0)).toEqual({ position: 10, estimate: 9 })
    expect(placement([at('a', 10), at('b', 20), at('moved', 5)], 2)).toEqual({ position: 21, estimate: 21 })
    expect(placement([at('moved', 5)], 0)).toBeNull()
  })

  it('says each step with the position counted from 1', () => {
    expect(announce.moved('Paint the hallway', 1, 5)).toBe('Moved Paint the hallway to position 2 of 5.')
    expect(announce.refused('Fix the door', 2, 4, 'Changed elsewhere.')).toBe(
      'Fix the door could not be moved: Changed elsewhere. It is back at position 3 of 4.',
    )
  })
})
