// The manual order's pure part: where a moved task goes and what is said about it.
import type { Task } from './task-queries.ts'

/** `order` with `id` taken out and put back at `index` (clamped to the list). */
export function moveTo(order: string[], id: string, index: number): string[] {
  const others = order.filter((each) => each !== id)
  const at = Math.max(0, Math.min(index, others.length))
  return [...others.slice(0, at), id, ...others.slice(at)]
}

/**
 * What to send for the task at `index` of the new order `tasks`: the next task's position (the API
 * puts it just before the task there) or, last, one past the previous one; and the estimate the lists
 * show meanwhile, halfway between its new neighbours. Null when it has no neighbour to go by.
 */
export function placement(tasks: Task[], index: number): { position: number; estimate: number } | null {
  const previous = tasks[index - 1]
  const next = tasks[index + 1]
  if (next) {
    return { position: next.position, estimate: previous ? (previous.position + next.position) / 2 : next.position - 1 }
  }
  if (previous) return { position: previous.position + 1, estimate: previous.position + 1 }
  return null
}

const where = (index: number, count: number) => `position ${index + 1} of ${count}`

/** What the live region says at each step of a move (the WAI-ARIA / dnd-kit sortable pattern). */
export const announce = {
  pickedUp: (title: string, index: number, count: number) =>
    `Picked up ${title}, ${where(index, count)}. Arrow keys move it, Space drops it, Escape cancels.`,
  over: (title: string, index: number, count: number) => `${title}: ${where(index, count)}.`,
  moved: (title: string, index: number, count: number) => `Moved ${title} to ${where(index, count)}.`,
  cancelled: (title: string, index: number, count: number) =>
    `Move cancelled. ${title} is back at ${where(index, count)}.`,
  refused: (title: string, index: number, count: number, reason: string) =>
    `${title} could not be moved: ${reason.replace(/\.$/, '')}. It is back at ${where(index, count)}.`,
}
