import { type FormEvent, type ReactNode, useState } from 'react'
import { formMessage } from '../api/problem.ts'
import { Field, FormMessage } from '../ui/field.tsx'
import type { ImportSteps } from './imports-queries.ts'
import { Outcome } from './imports-report.tsx'
import { acceptOf, fileMessage, type ImportSource, importSources } from './imports-text.ts'

/**
 * A source's form: the file chosen, checked (the dry run of the request it makes) and imported, `summary`
 * saying the report in a sentence. Any change starts over: the report and refusals of the file before it
 * are dropped.
 */
export function useImportForm<Request, Report>(
  source: ImportSource,
  { check, run }: ImportSteps<Request, Report>,
  summary: (report: Report) => string,
  request: (file: File) => Request,
) {
  const [file, setFile] = useState<File>()
  const [tried, setTried] = useState(false)
  const startOver = () => {
    check.reset()
    run.reset()
  }
  const report = run.data ?? check.data
  return {
    source,
    file,
    report,
    startOver,
    checkError: check.error,
    importError: run.error,
    busy: check.isPending || run.isPending,
    status: run.isPending ? 'Importing…' : check.isPending ? 'Checking…' : report ? summary(report) : '',
    fileError: file ? fileMessage(file, source) : tried ? importSources[source].noFile : undefined,
    choose(chosen: File | undefined) {
      startOver()
      setFile(chosen)
      setTried(false)
    },
    /** Check, once the file is one this source takes. */
    submit(event: FormEvent) {
      event.preventDefault()
      setTried(true)
      startOver()
      if (file && !fileMessage(file, source)) check.mutate(request(file))
    },
    runImport() {
      if (file) run.mutate(request(file))
    },
  }
}

type ImportForm<Report> = ReturnType<typeof useImportForm<unknown, Report>>

/**
 * A source's form and outcome: the file (and `fields`, what else the source asks for), Check, then the
 * report with `items`, what the source's report lists.
 */
export function SourceForm<Report extends { dryRun: boolean }>({
  form,
  onChoose,
  fields,
  items,
}: {
  form: ImportForm<Report>
  onChoose?: (file: File | undefined) => void
  fields?: ReactNode
  items: (report: Report) => ReactNode
}) {
  const { file, report } = form
  const facts = importSources[form.source]
  return (
    <>
      <form className="settings-form import-form" onSubmit={form.submit} noValidate aria-label={facts.form}>
        <FormMessage message={formMessage(form.checkError)} />
        <Field label={facts.fileLabel} error={form.fileError}>
          {(control) => (
            <input
              {...control}
              type="file"
              accept={acceptOf(form.source)}
              onChange={(event) => {
                const chosen = event.target.files?.[0]
                form.choose(chosen)
                onChoose?.(chosen)
              }}
            />
          )}
        </Field>
        {fields}
        <button type="submit" className={report?.dryRun ? undefined : 'primary'} disabled={form.busy}>
          Check
        </button>
      </form>
      <Outcome
        fileName={file?.name}
        report={report}
        status={form.status}
        busy={form.busy}
        importError={form.importError}
        onImport={form.runImport}
      >
        {report && items(report)}
      </Outcome>
    </>
  )
}
