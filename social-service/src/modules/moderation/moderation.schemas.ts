import {
  cursorId,
  cursorTime,
  DateTime,
  Defaulted,
  keysetCursor,
  Page,
  PageQuery,
  pageQuery,
  Text,
  Uuid,
} from '@focushub/shared/http'
import Type, { type TSchema } from 'typebox'

const Nullable = <T extends TSchema>(schema: T, description?: string) =>
  Type.Union([schema, Type.Null()], description ? { description } : {})

/** Where a page of cases ended: the last one's opening (open) or resolution (closed) time, and its id. */
export const CasesCursor = keysetCursor(cursorTime, cursorId)

export const TargetType = Type.Union([
  Type.Literal('post'),
  Type.Literal('comment'),
  Type.Literal('message'),
  Type.Literal('user'),
])

export const ReportReason = Type.Union([
  Type.Literal('spam'),
  Type.Literal('harassment'),
  Type.Literal('hate'),
  Type.Literal('violence'),
  Type.Literal('sexual'),
  Type.Literal('self-harm'),
  Type.Literal('other'),
])

const Status = Type.Union([Type.Literal('open'), Type.Literal('actioned'), Type.Literal('dismissed')])

export const Target = Type.Object({ type: TargetType, id: Uuid }, { additionalProperties: false })

export const NewReport = Type.Object(
  {
    target: Target,
    reason: ReportReason,
    details: Type.Optional(Text({ maxLength: 1000, description: 'What the moderators should know (≤ 1,000)' })),
  },
  { additionalProperties: false },
)

export const Report = Type.Object({
  id: Uuid,
  target: Target,
  reason: ReportReason,
  details: Nullable(Type.String()),
  status: Status,
  createdAt: DateTime,
  resolvedAt: Nullable(DateTime),
})

export const ReportsQuery = Type.Object(PageQuery, { additionalProperties: false })
export const ReportPage = Page(Report)

export const Standing = Type.Object({
  suspension: Nullable(
    Type.Object({ until: DateTime, reason: Type.String(), since: DateTime }),
    'In force while `until` is ahead: no posts, comments, likes, messages, follows or friend requests',
  ),
  warnings: Type.Array(Type.Object({ id: Uuid, reason: Type.String(), at: DateTime }), {
    maxItems: 20,
    description: 'Newest first, at most 20',
  }),
  hidden: Type.Array(
    Type.Object({
      target: Target,
      reason: Type.String(),
      at: DateTime,
      excerpt: Type.String({ maxLength: 120, description: 'The first 120 characters of the hidden text' }),
    }),
    { maxItems: 20, description: 'What of mine a moderator hid, newest first, at most 20' },
  ),
})

const Person = Type.Object({ userId: Uuid, displayName: Nullable(Type.String()) })

export const Case = Type.Object({
  id: Uuid,
  target: Target,
  subject: Type.Object({ userId: Uuid, displayName: Nullable(Type.String()), handle: Nullable(Type.String()) }),
  snapshot: Nullable(
    Type.Object({ text: Type.String(), createdAt: DateTime }),
    "The content's text at the first report (null for a user, and once the subject's account is deleted)",
  ),
  reportCount: Type.Integer({ minimum: 0 }),
  reasons: Type.Array(Type.Object({ reason: ReportReason, count: Type.Integer({ minimum: 1 }) })),
  openedAt: DateTime,
  lastReportedAt: DateTime,
  status: Status,
  resolution: Nullable(
    Type.Object({
      decision: Type.Union([Type.Literal('dismiss'), Type.Literal('act')]),
      hide: Type.Boolean(),
      warn: Type.Boolean(),
      suspendedUntil: Nullable(DateTime),
      reason: Nullable(Type.String()),
      by: Person,
      at: DateTime,
    }),
    "Null while open, and for a case closed with its subject's account",
  ),
})

export const CaseDetail = Type.Object({
  ...Case.properties,
  reports: Type.Array(
    Type.Object({
      id: Uuid,
      reporter: Person,
      reason: ReportReason,
      details: Nullable(Type.String()),
      createdAt: DateTime,
    }),
    { maxItems: 100, description: 'Oldest first, at most 100' },
  ),
})

export const CasesQuery = Type.Object(
  {
    status: Defaulted(
      Type.Union([Type.Literal('open'), Type.Literal('closed')], {
        default: 'open',
        description: '`open`: oldest opened first; `closed`: newest resolved first',
      }),
    ),
    ...pageQuery(CasesCursor.schema),
  },
  { additionalProperties: false },
)
export const CasePage = Page(Case)
export const CaseParams = Type.Object({ id: Uuid })
export const UserParams = Type.Object({ userId: Uuid })

const ShownReason = Text({ minLength: 1, maxLength: 500, notBlank: true, description: 'Shown to the subject' })

export const Resolution = Type.Union([
  Type.Object(
    {
      decision: Type.Literal('dismiss'),
      note: Type.Optional(Text({ maxLength: 500, description: 'For the log; not shown to anyone else' })),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      decision: Type.Literal('act'),
      hide: Type.Boolean(),
      warn: Type.Boolean(),
      suspendDays: Nullable(Type.Integer({ minimum: 1, maximum: 365 })),
      reason: ShownReason,
    },
    { additionalProperties: false },
  ),
])

export const LiftBody = Type.Object({ reason: ShownReason }, { additionalProperties: false })

export const LogQuery = Type.Object({ subjectId: Type.Optional(Uuid), ...PageQuery }, { additionalProperties: false })

export const LogEntry = Type.Object({
  id: Uuid,
  actor: Person,
  action: Type.Union([
    Type.Literal('dismiss'),
    Type.Literal('hide'),
    Type.Literal('warn'),
    Type.Literal('suspend'),
    Type.Literal('lift_suspension'),
  ]),
  caseId: Nullable(Uuid),
  target: Nullable(Target),
  subjectId: Uuid,
  reason: Nullable(Type.String()),
  at: DateTime,
})
export const LogPage = Page(LogEntry)
