import Type, { type TSchema, type TString } from 'typebox'
import { IdCursor } from './pagination.ts'

/** Primitives every service's schemas build on. */
export const Uuid = Type.String({ format: 'uuid', maxLength: 36 })
export const DateTime = Type.String({ format: 'date-time' })
export const Version = Type.Integer({ minimum: 1, maximum: 2_147_483_647 })
/**
 * A calendar day that exists (`YYYY-MM-DD`): 30- and 31-day months, 29 February of leap years only,
 * years 0001 to 9999 (the proleptic Gregorian calendar has no year 0, nor has PostgreSQL's `date`).
 */
export const calendarDatePattern = String.raw`(?:\d{3}[1-9]|\d{2}[1-9]0|\d[1-9]00|[1-9]000)-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|02-(?:0[1-9]|1\d|2[0-8]))|(?:\d{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)-02-29`

/** A user's local day (`2026-12-06`): what everything "per day" counts for. */
export const LocalDate = Type.String({ format: 'date', pattern: `^(?:${calendarDatePattern})$`, maxLength: 10 })

/**
 * Free text as Postgres stores it: any characters but NUL, which `text` refuses; `notBlank` also
 * asks for one that is not white space. Every text a client writes or searches by is one.
 */
export const Text = ({
  notBlank = false,
  ...options
}: {
  minLength?: number
  maxLength: number
  description?: string
  notBlank?: boolean
}) => Type.String({ ...options, pattern: notBlank ? '^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$' : '^[^\\u0000]*$' })

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

/**
 * A query parameter with a default: optional to the client (the validator fills the default in,
 * so the document does not list it as required) and always set for the handler.
 */
export const Defaulted = <T extends TSchema>(schema: T) => Type.Optional(schema) as unknown as T

/** `?limit=` (default 50, at most 200) and `?cursor=` of a list whose cursor is that schema (pagination.ts). */
export const pageQuery = (cursor: TString) => ({
  limit: Defaulted(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  cursor: Type.Optional(cursor),
})

/** The query of a list paged by id (the most common cursor). */
export const PageQuery = pageQuery(IdCursor.schema)

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) })

/** `If-Match` as parseIfMatch (versions.ts) reads it: `*`, or a version, quoted or not, strong or weak. */
export const IfMatchHeaders = Type.Object({
  'if-match': Type.Optional(Type.String({ pattern: '^(\\*|(W/)?"?[0-9]{1,10}"?)$' })),
})
