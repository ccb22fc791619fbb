import { useState } from 'react'
import { TextField } from '../ui/field.tsx'
import { useScrollToHash } from '../ui/use-scroll-to-hash.ts'
import { SourceForm, useImportForm } from './imports-form.tsx'
import { useFocusHubImport, useLoopImport, useTodoistImport } from './imports-queries.ts'
import { HabitItems, Notes, ProjectItems } from './imports-report.tsx'
import {
  defaultProjectName,
  focusHubNoteText,
  focusHubSummaryText,
  type ImportSource,
  importSources,
  importType,
  loopNoteText,
  loopSummaryText,
  notesShown,
  projectMessage,
  sourceChoices,
  todoistNoteText,
  todoistSummaryText,
} from './imports-text.ts'

/**
 * Import, from Todoist (a project's CSV or the backup's ZIP: projects, tasks and labels), from Loop Habit
 * Tracker (its CSV export's ZIP: habits and their check-ins) or from FocusHub's own export (its ZIP: both):
 * the file checked first (a dry run: what it would make, and what it cannot carry over), then imported,
 * each project or habit made linked. Importing the same file again makes only what is new in it. Another
 * source, another file, or another project name, starts over.
 */
export function ImportSection() {
  const [source, setSource] = useState<ImportSource>('todoist')
  const section = useScrollToHash('#import')
  const SourceImport = { todoist: TodoistImport, loop: LoopImport, focushub: FocusHubImport }[source]
  return (
    <section id="import" ref={section} aria-labelledby="import-heading">
      <h2 id="import-heading">Import</h2>
      <p>
        Bring over what you kept in another app or another FocusHub account. Check shows what an import will make before
        it makes anything; importing the same file again adds only what is new in it.
      </p>
      <fieldset className="import-sources">
        <legend>Import from</legend>
        {sourceChoices.map((choice) => (
          <label key={choice} className="choice">
            <input
              type="radio"
              name="import-source"
              value={choice}
              checked={source === choice}
              onChange={() => setSource(choice)}
            />
            {importSources[choice].label}
          </label>
        ))}
      </fieldset>
      <SourceImport />
    </section>
  )
}

function TodoistImport() {
  const [project, setProject] = useState('')
  const form = useImportForm('todoist', useTodoistImport(), todoistSummaryText, (file) => ({ file, project }))
  const { file } = form
  const csv = file !== undefined && importType(file) === 'text/csv'
  return (
    <>
      <p>
        Export a Todoist project as a CSV (its menu, <q>Export as a template</q>) or download a backup (a ZIP of every
        project's CSV).
      </p>
      <SourceForm
        form={form}
        onChoose={(chosen) => setProject(chosen ? defaultProjectName(chosen.name) : '')}
        fields={
          csv ? (
            <TextField
              label="Project name"
              value={project}
              maxLength={100}
              autoComplete="off"
              onChange={(event) => {
                form.startOver()
                setProject(event.target.value)
              }}
              error={projectMessage(form.checkError ?? form.importError)}
            />
          ) : (
            file &&
            !form.fileError && <p className="muted hint">Each CSV in the ZIP becomes a project named after its file.</p>
          )
        }
        items={(report) => (
          <>
            <ProjectItems report={report} />
            <Notes
              notes={report.notes.slice(0, notesShown).map((note) => todoistNoteText(note, report.projects.length > 1))}
              noteCount={report.noteCount}
            />
          </>
        )}
      />
    </>
  )
}

function LoopImport() {
  const form = useImportForm('loop', useLoopImport(), loopSummaryText, (file) => ({ file }))
  return (
    <>
      <p>
        In Loop Habit Tracker, <q>Export as CSV</q> saves a ZIP of your habits and their days. Each habit becomes one
        here, with its schedule and the days you checked in or skipped; a later export adds only the days that are new.
      </p>
      <SourceForm
        form={form}
        items={(report) => (
          <>
            <HabitItems habits={report.habits} />
            <Notes notes={report.notes.slice(0, notesShown).map(loopNoteText)} noteCount={report.noteCount} />
          </>
        )}
      />
    </>
  )
}

function FocusHubImport() {
  const form = useImportForm('focushub', useFocusHubImport(), focusHubSummaryText, (file) => ({ file }))
  return (
    <>
      <p>
        <q>Export my data</q>, below, saves a ZIP of a FocusHub account. Importing it brings the projects you owned with
        their tasks, your labels, and your habits with their check-ins; importing it again, or a later export of the
        same account, adds only what is new.
      </p>
      <SourceForm
        form={form}
        items={({ tasks, habits }) => (
          <>
            <h3>Projects</h3>
            <ProjectItems report={tasks} />
            {habits.habits.length > 0 && (
              <>
                <h3>Habits</h3>
                <HabitItems habits={habits.habits} />
              </>
            )}
            <Notes
              notes={[...tasks.notes, ...habits.notes].slice(0, notesShown).map(focusHubNoteText)}
              noteCount={tasks.noteCount + habits.noteCount}
            />
          </>
        )}
      />
    </>
  )
}
