import Type, { type Static, type TSchema } from 'typebox'

/**
 * A value or null, as `type: [T, "null"]` rather than anyOf: the response serializer writes a
 * type list directly, where anyOf costs it a validation per value (8× slower on a page of tasks).
 */
export const Nullable = <T extends TSchema & { type: string }>(schema: T) =>
  Type.Unsafe<Static<T> | null>({ ...schema, type: [schema.type, 'null'] })

/** One of some strings, as `enum` (a plain check for validator and serializer alike, where anyOf of constants is not). */
export const StringEnum = <const T extends readonly string[]>(values: T, options: { description?: string } = {}) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options })

/** A member's role in a project: the owner manages it, editors write its tasks, viewers read. */
export const MemberRole = StringEnum(['owner', 'editor', 'viewer'])
export type MemberRole = Static<typeof MemberRole>
