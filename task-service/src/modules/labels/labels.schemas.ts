import { DateTime, Page, PageQuery, Text, Uuid, Version } from '@focushub/shared/http'
import Type from 'typebox'
import { Nullable } from '../../schemas/common.ts'
import { Color } from '../projects/projects.schemas.ts'

const LabelName = Text({ minLength: 1, maxLength: 50, notBlank: true })

export const Label = Type.Object({
  id: Uuid,
  name: Type.String(),
  color: Nullable(Type.String()),
  version: Type.Integer(),
  createdAt: DateTime,
  updatedAt: DateTime,
})
export const LabelPage = Page(Label)
export const LabelParams = Type.Object({ labelId: Uuid })
export const ListLabelsQuery = Type.Object(PageQuery, { additionalProperties: false })

export const CreateLabelBody = Type.Object(
  { name: LabelName, color: Type.Optional(Type.Union([Color, Type.Null()])) },
  { additionalProperties: false },
)
export const UpdateLabelBody = Type.Object(
  {
    name: Type.Optional(LabelName),
    color: Type.Optional(Type.Union([Color, Type.Null()])),
    version: Type.Optional(Version),
  },
  { additionalProperties: false, minProperties: 1 },
)
