import type { Static, TSchema } from 'typebox'
import { authEvents } from './auth.ts'
import { focusEvents } from './focus.ts'
import { habitEvents } from './habits.ts'
import { notificationEvents } from './notifications.ts'
import { socialEvents } from './social.ts'
import { taskEvents } from './tasks.ts'

/** Every event type FocusHub publishes: its topic and the payload schema of each version. */
export const contracts = {
  'focushub.auth.events': authEvents,
  'focushub.task.events': taskEvents,
  'focushub.focus.events': focusEvents,
  'focushub.habit.events': habitEvents,
  'focushub.notification.events': notificationEvents,
  'focushub.social.events': socialEvents,
} as const

type Contracts = typeof contracts
type Catalogue = { [T in keyof Contracts]: Contracts[T] }[keyof Contracts]
type Merge<U> = (U extends unknown ? (k: U) => void : never) extends (k: infer I) => void ? I : never
type AllEvents = Merge<Catalogue>

export type EventType = keyof AllEvents & string
export type EventVersion<T extends EventType> = keyof AllEvents[T] & number
export type EventData<
  T extends EventType,
  V extends EventVersion<T> = 1 & EventVersion<T>,
> = AllEvents[T][V] extends TSchema ? Static<AllEvents[T][V]> : never

export type Topic = keyof Contracts

/** The topic an event type belongs to, and its payload schema, or undefined if unknown. */
export function contractOf(type: string, version: number): { topic: Topic; schema: TSchema } | undefined {
  for (const [topic, events] of Object.entries(contracts) as [Topic, Record<string, Record<number, TSchema>>][]) {
    const schema = events[type]?.[version]
    if (schema) return { topic, schema }
  }
  return undefined
}

export { NotificationKind, NotificationLinks } from './notifications.ts'
export { RoomTimer } from './rooms.ts'
export { TaskReminder } from './tasks.ts'
