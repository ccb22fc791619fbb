import { type KeyboardEvent, type PointerEvent, useEffect, useId, useLayoutEffect, useRef, useState } from 'react'
import { FormMessage } from '../ui/field.tsx'
import { announce, moveTo, placement } from './reorder.ts'
import { TaskItem } from './task-item.tsx'
import { isPending, type Task, useMoveTask } from './task-queries.ts'

/** A move under way: the order it shows meanwhile, where the task started, and what moves it. */
interface Moving {
  id: string
  order: string[]
  from: number
  by: 'pointer' | 'keyboard'
}

/** The index `y` (a pointer's clientY) points at among the rows of `list` other than `id`'s. */
function indexAt(list: HTMLElement, id: string, y: number) {
  const rows = [...list.querySelectorAll<HTMLElement>(':scope > li[data-task-id]')]
  return rows.filter((row) => {
    if (row.dataset.taskId === id) return false
    const box = row.getBoundingClientRect()
    return box.top + box.height / 2 < y
  }).length
}

/**
 * A project's tasks in their manual order. Each has a Move handle: dragged with a pointer (mouse,
 * pen or touch), or from the keyboard — Space picks the task up, the arrow keys move it, Space or
 * Enter drops it, Escape cancels — each step said in a live region. A drop moves it at once and
 * through the API; a refusal puts it back and says why.
 */
export function ReorderableTaskList({ tasks, empty }: { tasks: Task[] | undefined; empty: string }) {
  const move = useMoveTask()
  const [moving, setMoving] = useState<Moving | null>(null)
  // A dropped order shown until the lists change (at once, optimistically), so it never flickers back.
  const [dropped, setDropped] = useState<string[] | null>(null)
  const [announcement, setAnnouncement] = useState('')
  const list = useRef<HTMLUListElement>(null)
  const handles = useRef(new Map<string, HTMLButtonElement>())
  const helpId = useId()
  // What the window's pointer listeners read: the state as last rendered.
  const latest = useRef({ tasks, moving })
  latest.current = { tasks, moving }

  // A keyboard move re-renders the rows in a new order; the moved task's handle keeps the focus.
  useLayoutEffect(() => {
    if (moving?.by !== 'keyboard') return
    const handle = handles.current.get(moving.id)
    if (handle && document.activeElement !== handle) handle.focus()
  }, [moving])

  // biome-ignore lint/correctness/useExhaustiveDependencies: any new list (the optimistic one first) replaces the dropped order
  useEffect(() => setDropped(null), [tasks])

  if (!tasks) return <p className="muted">Loading…</p>
  if (tasks.length === 0) return <p className="muted">{empty}</p>

  const byId = new Map(tasks.map((task) => [task.id, task]))
  const order = moving?.order ?? dropped
  const shown = order ? order.flatMap((id) => byId.get(id) ?? []) : tasks

  const start = (task: Task, by: Moving['by']) => {
    const order = tasks.map((each) => each.id)
    const from = order.indexOf(task.id)
    move.reset()
    setMoving({ id: task.id, order, from, by })
    if (by === 'keyboard') setAnnouncement(announce.pickedUp(task.title, from, order.length))
  }

  const cancel = () => {
    const current = latest.current.moving
    const task = current && latest.current.tasks?.find((each) => each.id === current.id)
    setMoving(null)
    if (current && task) setAnnouncement(announce.cancelled(task.title, current.from, current.order.length))
  }

  const drop = () => {
    const current = latest.current.moving
    const all = latest.current.tasks ?? []
    setMoving(null)
    if (!current) return
    const ordered = current.order.flatMap((id) => all.find((each) => each.id === id) ?? [])
    const index = ordered.findIndex((each) => each.id === current.id)
    const task = ordered[index]
    if (!task) return
    const count = ordered.length
    const place = index === current.from ? null : placement(ordered, index)
    if (place || current.by === 'keyboard') setAnnouncement(announce.moved(task.title, index, count))
    if (!place) return
    setDropped(current.order)
    move.mutate(
      { task, ...place },
      { onError: (error) => setAnnouncement(announce.refused(task.title, current.from, count, error.message)) },
    )
  }

  const step = (delta: number) => {
    if (!moving) return
    const index = moving.order.indexOf(moving.id) + delta
    if (index < 0 || index >= moving.order.length) return
    setMoving({ ...moving, order: moveTo(moving.order, moving.id, index) })
    const task = byId.get(moving.id)
    if (task) setAnnouncement(announce.over(task.title, index, moving.order.length))
  }

  const onKeyDown = (task: Task) => (event: KeyboardEvent) => {
    const key = event.key === 'Spacebar' ? ' ' : event.key
    if (moving?.id !== task.id) {
      if (key === ' ' || key === 'Enter') {
        event.preventDefault()
        start(task, 'keyboard')
      }
      return
    }
    if (key === 'ArrowUp' || key === 'ArrowDown') step(key === 'ArrowUp' ? -1 : 1)
    else if (key === ' ' || key === 'Enter') drop()
    else if (key === 'Escape') cancel()
    else return
    event.preventDefault()
  }

  const onPointerDown = (task: Task) => (event: PointerEvent) => {
    if (event.button !== 0 || !list.current) return
    event.preventDefault()
    const element = list.current
    start(task, 'pointer')
    // On the window, not the handle: the rows move under the pointer while it drags.
    const onMove = (moved: globalThis.PointerEvent) => {
      const current = latest.current.moving
      if (!current) return
      const order = moveTo(current.order, current.id, indexAt(element, current.id, moved.clientY))
      if (order.join() !== current.order.join()) setMoving({ ...current, order })
    }
    const end = (ended: globalThis.PointerEvent) => {
      window.removeEventListener('pointermove', onMove)
      window.removeEventListener('pointerup', end)
      window.removeEventListener('pointercancel', end)
      if (ended.type === 'pointerup') drop()
      else cancel()
    }
    window.addEventListener('pointermove', onMove)
    window.addEventListener('pointerup', end)
    window.addEventListener('pointercancel', end)
  }

  const refused = move.error && move.variables && `Could not move ${move.variables.task.title}: ${move.error.message}`

  return (
    <>
      <p id={helpId} className="visually-hidden">
        Press Space to pick the task up, the arrow keys to move it, Space to drop it or Escape to cancel.
      </p>
      <p className="visually-hidden" role="status" aria-live="assertive" aria-atomic="true">
        {announcement}
      </p>
      <FormMessage message={refused || undefined} />
      <ul className={moving ? 'tasks reordering' : 'tasks'} ref={list}>
        {shown.map((task) => (
          <TaskItem
            key={task.id}
            task={task}
            dragging={moving?.id === task.id}
            handle={
              <button
                type="button"
                className="move-handle"
                aria-label={`Move ${task.title}`}
                aria-describedby={helpId}
                aria-pressed={moving?.id === task.id && moving.by === 'keyboard'}
                disabled={isPending(task) || tasks.length < 2}
                ref={(element) => {
                  if (element) handles.current.set(task.id, element)
                  else handles.current.delete(task.id)
                }}
                onKeyDown={onKeyDown(task)}
                onPointerDown={onPointerDown(task)}
              >
                <svg viewBox="0 0 10 16" width="10" height="16" aria-hidden="true">
                  {[3, 8, 13].flatMap((y) => [2, 8].map((x) => <circle key={`${x}-${y}`} cx={x} cy={y} r="1.5" />))}
                </svg>
              </button>
            }
          />
        ))}
      </ul>
    </>
  )
}
