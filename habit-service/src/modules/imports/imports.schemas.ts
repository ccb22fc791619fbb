import { DryRun, ExportNote, fileBody } from '@focushub/shared/imports'
import Type, { type TSchema } from 'typebox'

export const ImportQuery = Type.Object({ dryRun: DryRun }, { additionalProperties: false })

export const ImportBody = fileBody({
  'application/zip':
    "Loop Habit Tracker's CSV export (Settings → Export as CSV): Habits.csv and a folder per habit with its Checkmarks.csv",
})

export const FocusHubExportBody = fileBody({
  'application/zip':
    'FocusHub’s account export (POST /exports): its habits/habits.json and habits/check-ins.json are read',
})

/** What an import of habits answers, whichever file it read: `note` says where in the file a note is about. */
const habitsImportReport = (note: TSchema) =>
  Type.Object({
    dryRun: Type.Boolean(),
    habits: Type.Array(
      Type.Object({
        name: Type.String(),
        habitId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()], {
          description: 'The habit made or added to (null in a dry run of a new one)',
        }),
        new: Type.Boolean({ description: 'A new habit; false: the one an earlier import of it made' }),
        checkIns: Type.Integer({ minimum: 0, description: 'Check-ins written (to be written, in a dry run)' }),
        skipped: Type.Integer({
          minimum: 0,
          description: 'Days not written: checked in already, before the habit’s start, or after today',
        }),
      }),
    ),
    created: Type.Object({ habits: Type.Integer({ minimum: 0 }), checkIns: Type.Integer({ minimum: 0 }) }),
    noteCount: Type.Integer({ minimum: 0 }),
    notes: Type.Array(note, { description: 'The first 200 notes' }),
  })

export const LoopImportReport = habitsImportReport(
  Type.Object({
    habit: Type.String(),
    note: Type.String({ description: 'What was not carried over, and why' }),
  }),
)
export const FocusHubHabitsReport = habitsImportReport(ExportNote)
