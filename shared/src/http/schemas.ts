import Type, { type TSchema } from 'typebox'

/** Primitives every service's schemas build on. */
export const Uuid = Type.String({ format: 'uuid', maxLength: 36 })
export const DateTime = Type.String({ format: 'date-time' })
export const Version = Type.Integer({ minimum: 1, maximum: 2_147_483_647 })
/** A user's local day (`2026-12-06`): what everything "per day" counts for. */
export const LocalDate = Type.String({ format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10 })

/** An RFC 9457 problem document, as every error answer is rendered. */
export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String({
      description: "Stable kebab-case code to switch on; the service README's catalogue lists them",
    }),
    requestId: Type.String(),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
  },
  { additionalProperties: true },
)

/** The problem+json answers a route may give, by status code, for its response schema. */
export const problems = (...statuses: number[]) => Object.fromEntries(statuses.map((status) => [status, Problem]))

/** `?limit=` (default 50, at most 200) and `?cursor=` of every list. */
export const PageQuery = {
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9_-]+$' })),
}

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) })

export const IfMatchHeaders = Type.Object({ 'if-match': Type.Optional(Type.String({ maxLength: 64 })) })
