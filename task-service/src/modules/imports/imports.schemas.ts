import { DryRun, ExportNote, fileBody } from '@focushub/shared/imports'
import Type, { type TSchema } from 'typebox'

export const DryRunQuery = Type.Object({ dryRun: DryRun }, { additionalProperties: false })

export const ImportQuery = Type.Object(
  {
    dryRun: DryRun,
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

export const ImportBody = fileBody({
  'text/csv': "One project in Todoist's CSV format (its import template, or a file of its backup)",
  'application/zip': "Todoist's backup export: a ZIP of one CSV per project, each named after its project",
})

export const FocusHubExportBody = fileBody({
  'application/zip':
    'FocusHub’s account export (POST /exports): its tasks/projects.json, tasks/tasks.json and tasks/labels.json are read',
})

const TodoistNote = Type.Object({
  project: Type.String(),
  line: Type.Integer({ minimum: 1, description: 'The CSV line (1 is the header)' }),
  note: Type.String({ description: 'What was not carried over, and why' }),
})

/** What an import of projects answers, whichever file it read: `note` says where in the file a note is about. */
const projectsImportReport = (note: TSchema, labels: string) =>
  Type.Object({
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
      labels: Type.Integer({ minimum: 0, description: labels }),
    }),
    alreadyImported: Type.Integer({ minimum: 0 }),
    noteCount: Type.Integer({ minimum: 0 }),
    notes: Type.Array(note, { description: 'The first 200 notes' }),
  })

export const ImportReport = projectsImportReport(TodoistNote, 'Labels of `@words` I had none of that name')
export const FocusHubTasksReport = projectsImportReport(
  ExportNote,
  'Labels of the export I had none of that name (case aside)',
)
