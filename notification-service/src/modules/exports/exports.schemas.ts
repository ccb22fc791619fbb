import { DateTime, Page, PageQuery, Uuid } from '@focushub/shared/http'
import Type from 'typebox'

export const ExportFile = Type.Object({
  path: Type.String({ description: 'The file in the ZIP, e.g. `tasks/tasks.json` (each JSON file has its CSV twin)' }),
  items: Type.Integer({ minimum: 0 }),
})

export const AccountExport = Type.Object({
  id: Uuid,
  state: Type.Union([Type.Literal('pending'), Type.Literal('ready'), Type.Literal('failed')], {
    description: '`pending`: being built; `ready`: downloadable until expiresAt; `failed`: it could not be built',
  }),
  sizeBytes: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], { description: "The ZIP's size, once ready" }),
  contents: Type.Array(ExportFile, { description: 'The JSON files of the ZIP and their item counts, once ready' }),
  error: Type.Union([Type.String(), Type.Null()], { description: 'Why it failed' }),
  createdAt: DateTime,
  finishedAt: Type.Union([DateTime, Type.Null()]),
  expiresAt: Type.Union([DateTime, Type.Null()], { description: 'When the ZIP is deleted' }),
})

export const AccountExportPage = Page(AccountExport)

export const ExportParams = Type.Object({ id: Uuid }, { additionalProperties: false })
export const ExportPageQuery = Type.Object(PageQuery, { additionalProperties: false })

export const ExportLink = Type.Object({
  url: Type.String({ description: 'A presigned GET of the ZIP (a path under this origin, or a URL)' }),
  expiresAt: DateTime,
})
