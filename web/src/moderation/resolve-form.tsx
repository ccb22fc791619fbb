import { type FormEvent, useId, useState } from 'react'
import { fieldMessage } from '../api/problem.ts'
import { Field, FormMessage, TextField } from '../ui/field.tsx'
import { personName } from '../ui/person-name.ts'
import type { CaseDetail, useResolveCase } from './moderation-queries.ts'
import {
  checkResolution,
  maxShownReason,
  maxSuspendDays,
  type ResolveInput,
  resolveRefusal,
  targetNoun,
} from './moderation-text.ts'

/**
 * Resolves an open case: Dismiss (a note for the log), or Act: hide the content, warn its author,
 * suspend them for some days, with a reason they read. What the API would refuse for sure is said under
 * its field first; what it refuses anyway (closed meanwhile, a case about me) above the form.
 */
export function ResolveForm({ item, resolve }: { item: CaseDetail; resolve: ReturnType<typeof useResolveCase> }) {
  const [input, setInput] = useState<ResolveInput>({
    decision: 'act',
    hide: false,
    warn: false,
    suspendDays: '',
    reason: '',
    note: '',
  })
  const [mistake, setMistake] = useState<{ field: string; error: string }>()
  const actionErrorId = useId()
  const noun = targetNoun(item.target.type)
  const subject = personName(item.subject.displayName, item.subject.userId, 'Someone')
  const change = (changes: Partial<ResolveInput>) => {
    setInput((typed) => ({ ...typed, ...changes }))
    setMistake(undefined)
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const checked = checkResolution(input, item.target.type)
    if ('error' in checked) return setMistake(checked)
    resolve.mutate(checked.resolution)
  }
  const errorOf = (field: 'suspendDays' | 'reason' | 'note') =>
    mistake?.field === field ? mistake.error : fieldMessage(resolve.error, field)
  const acting = input.decision === 'act'
  return (
    <section aria-labelledby="resolve-heading" className="moderation-card">
      <h2 id="resolve-heading">Resolve</h2>
      <form className="resolve-form" onSubmit={submit} noValidate>
        <FormMessage message={resolveRefusal(resolve.error)} />
        <fieldset>
          <legend>Decision</legend>
          <label className="choice">
            <input type="radio" name="decision" checked={acting} onChange={() => change({ decision: 'act' })} />
            Act on it
          </label>
          <label className="choice">
            <input type="radio" name="decision" checked={!acting} onChange={() => change({ decision: 'dismiss' })} />
            Dismiss: nothing against the rules
          </label>
        </fieldset>
        {acting ? (
          <>
            <fieldset
              aria-describedby={mistake?.field === 'action' ? actionErrorId : undefined}
              aria-invalid={mistake?.field === 'action'}
            >
              <legend>What to do</legend>
              {item.target.type !== 'user' && (
                <label className="choice">
                  <input
                    type="checkbox"
                    checked={input.hide}
                    onChange={(event) => change({ hide: event.target.checked })}
                  />
                  {`Hide the ${noun} (only its author still sees it, marked hidden)`}
                </label>
              )}
              <label className="choice">
                <input
                  type="checkbox"
                  checked={input.warn}
                  onChange={(event) => change({ warn: event.target.checked })}
                />
                {`Warn ${subject}`}
              </label>
              {mistake?.field === 'action' && (
                <p className="field-error" id={actionErrorId}>
                  {mistake.error}
                </p>
              )}
            </fieldset>
            <TextField
              label="Suspend from social features for (days)"
              type="number"
              inputMode="numeric"
              min={1}
              max={maxSuspendDays}
              placeholder="No suspension"
              value={input.suspendDays}
              onChange={(event) => change({ suspendDays: event.target.value })}
              error={errorOf('suspendDays')}
            />
            <Field label={`Reason, shown to ${subject}`} error={errorOf('reason')}>
              {(control) => (
                <textarea
                  {...control}
                  rows={3}
                  maxLength={maxShownReason}
                  value={input.reason}
                  onChange={(event) => change({ reason: event.target.value })}
                />
              )}
            </Field>
            <p className="muted report-count">{`${input.reason.length} / ${maxShownReason}`}</p>
          </>
        ) : (
          <>
            <Field label="Note for the log (optional)" error={errorOf('note')}>
              {(control) => (
                <textarea
                  {...control}
                  rows={2}
                  maxLength={maxShownReason}
                  value={input.note}
                  onChange={(event) => change({ note: event.target.value })}
                />
              )}
            </Field>
            <p className="muted report-count">{`${input.note.length} / ${maxShownReason}`}</p>
          </>
        )}
        <p className="muted hint">
          Every report of this case is closed with it; the reporters are told it was looked at.
        </p>
        <button type="submit" className="primary" disabled={resolve.isPending}>
          {acting ? 'Act on this case' : 'Dismiss this case'}
        </button>
      </form>
    </section>
  )
}
