import { useId, useState } from 'react'
import { useSearchParams } from 'wouter'
import { Field } from '../ui/field.tsx'
import { dueFilters, type ListFilters, priorities, statusFilters, useLabels } from './task-queries.ts'

const oneOf = <T extends string>(values: readonly T[], value: string | null) => values.find((each) => each === value)

const statusNames = { open: 'Open', done: 'Done', all: 'All' }
const dueNames = { overdue: 'Overdue', today: 'Due today', week: 'Next 7 days' }

/** A project's filters, kept in the URL's query string (`?status=done&priority=high&label=…&due=week`). */
export function useListFilters(): [ListFilters, (next: ListFilters) => void] {
  const [params, setParams] = useSearchParams()
  const filters: ListFilters = {
    // Open is the default: it is never written, and reads as no filter.
    status: oneOf(statusFilters, params.get('status')?.replace(/^open$/, '') ?? null),
    priority: oneOf(priorities, params.get('priority')),
    labelId: params.get('label') || undefined,
    due: oneOf(dueFilters, params.get('due')),
  }
  const setFilters = (next: ListFilters) => {
    const query = { status: next.status, priority: next.priority, label: next.labelId, due: next.due }
    setParams(
      Object.entries(query).filter((entry): entry is [string, string] => Boolean(entry[1])),
      {
        replace: true,
      },
    )
  }
  return [filters, setFilters]
}

export const isFiltered = (filters: ListFilters) => Object.values(filters).some(Boolean)

/** The filters behind a Filters button (open while any is set); each choice applies at once. */
export function FiltersBar({ filters, onChange }: { filters: ListFilters; onChange: (next: ListFilters) => void }) {
  const labels = useLabels()
  const active = Object.values(filters).filter(Boolean).length
  const [open, setOpen] = useState(active > 0)
  const panelId = useId()
  const set = (change: ListFilters) => onChange({ ...filters, ...change })
  return (
    <div className="filters">
      <button type="button" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
        Filters{active > 0 ? ` (${active})` : ''}
      </button>
      {open && (
        <fieldset id={panelId}>
          <legend className="visually-hidden">Filter tasks</legend>
          <Field label="Status">
            {(control) => (
              <select
                {...control}
                value={filters.status ?? 'open'}
                onChange={(event) => set({ status: oneOf(statusFilters, event.target.value.replace(/^open$/, '')) })}
              >
                {statusFilters.map((each) => (
                  <option key={each} value={each}>
                    {statusNames[each]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Priority">
            {(control) => (
              <select
                {...control}
                value={filters.priority ?? ''}
                onChange={(event) => set({ priority: oneOf(priorities, event.target.value) })}
              >
                <option value="">Any</option>
                {priorities.map((each) => (
                  <option key={each} value={each}>
                    {each}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Label">
            {(control) => (
              <select
                {...control}
                value={filters.labelId ?? ''}
                onChange={(event) => set({ labelId: event.target.value || undefined })}
              >
                <option value="">Any</option>
                {labels.data?.map((label) => (
                  <option key={label.id} value={label.id}>
                    {label.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Due">
            {(control) => (
              <select
                {...control}
                value={filters.due ?? ''}
                onChange={(event) => set({ due: oneOf(dueFilters, event.target.value) })}
              >
                <option value="">Any time</option>
                {dueFilters.map((each) => (
                  <option key={each} value={each}>
                    {dueNames[each]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {active > 0 && (
            <button type="button" className="quiet" onClick={() => onChange({})}>
              Clear filters
            </button>
          )}
        </fieldset>
      )}
    </div>
  )
}
