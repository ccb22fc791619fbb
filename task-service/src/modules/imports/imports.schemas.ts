import Type from 'typebox'

/** The largest file an import reads (the gateway's body limit, BODY_LIMIT_BYTES, is 1 MiB too). */
export const maxImportBytes = 1024 * 1024

export const ImportQuery = Type.Object(
  {
    dryRun: Type.Optional(
      Type.Boolean({ default: false, description: 'true: answer what the import would make, and make nothing' }),
    ),
    project: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        pattern: '\\S',
        description: 'A CSV’s project name (default "Todoist"); a ZIP’s projects are named after its files',
      }),
    ),
  },
  { additionalProperties: false },
)

export const ImportBody = {
  content: {
    'text/csv': {
      schema: Type.String({
        minLength: 1,
        maxLength: maxImportBytes,
        description: "One project in Todoist's CSV format (its import template, or a file of its backup)",
      }),
    },
    'application/zip': {
      schema: Type.String({
        minLength: 1,
        maxLength: maxImportBytes,
        description: "Todoist's backup export: a ZIP of one CSV per project, each named after its project",
      }),
    },
  },
}

const Note = Type.Object({
  project: Type.String(),
  line: Type.Integer({ minimum: 1, description: 'The CSV line (1 is the header)' }),
  note: Type.String({ description: 'What was not carried over, and why' }),
})

export const ImportReport = Type.Object({
  dryRun: Type.Boolean(),
  projects: Type.Array(
    Type.Object({
      name: Type.String(),
      projectId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()], {
        description: 'The project made or added to (null in a dry run of a new one)',
      }),
      new: Type.Boolean({ description: 'A new project; false: the one an earlier import of this file made' }),
      tasks: Type.Integer({ minimum: 0, description: 'Tasks made (to be made, in a dry run)' }),
      alreadyImported: Type.Integer({ minimum: 0, description: 'Tasks an earlier import made: skipped' }),
    }),
  ),
  created: Type.Object({
    projects: Type.Integer({ minimum: 0 }),
    tasks: Type.Integer({ minimum: 0 }),
    labels: Type.Integer({ minimum: 0, description: 'Labels of `@words` I had none of that name' }),
  }),
  alreadyImported: Type.Integer({ minimum: 0 }),
  noteCount: Type.Integer({ minimum: 0 }),
  notes: Type.Array(Note, { description: 'The first 200 notes' }),
})
