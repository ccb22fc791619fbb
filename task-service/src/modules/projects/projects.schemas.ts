import { ManualPosition } from '@focushub/shared/db'
import { DateTime, Defaulted, Page, PositionCursor, pageQuery, Text, Uuid, Version } from '@focushub/shared/http'
import Type from 'typebox'
import { MemberRole, Nullable } from '../../schemas/common.ts'

export const ProjectName = Text({ minLength: 1, maxLength: 100, notBlank: true })
export const Color = Type.String({ pattern: '^#[0-9a-fA-F]{6}$', description: 'e.g. #3366ff' })

export const Project = Type.Object({
  id: Uuid,
  name: Type.String(),
  color: Nullable(Type.String()),
  isInbox: Type.Boolean(),
  archived: Type.Boolean(),
  archivedAt: Nullable(DateTime),
  ownerId: Uuid,
  role: MemberRole,
  position: Type.Number({ description: 'Where it stands in your own list of projects' }),
  version: Type.Integer(),
  createdAt: DateTime,
  updatedAt: DateTime,
})

export const ProjectPage = Page(Project)

export const ProjectParams = Type.Object({ projectId: Uuid })

export const CreateProjectBody = Type.Object(
  { name: ProjectName, color: Type.Optional(Type.Union([Color, Type.Null()])) },
  { additionalProperties: false },
)

export const UpdateProjectBody = Type.Object(
  {
    name: Type.Optional(ProjectName),
    color: Type.Optional(Type.Union([Color, Type.Null()])),
    /** true archives, false unarchives. */
    archived: Type.Optional(Type.Boolean()),
    position: Type.Optional({
      ...ManualPosition,
      description:
        'Where it stands in your own list of projects (any member may move it): there, or just before the project already there',
    }),
    version: Type.Optional(Version),
  },
  { additionalProperties: false, minProperties: 1 },
)

export const ListProjectsQuery = Type.Object(
  {
    ...pageQuery(PositionCursor.schema),
    archived: Defaulted(Type.Boolean({ default: false, description: 'archived projects instead of active ones' })),
  },
  { additionalProperties: false },
)
