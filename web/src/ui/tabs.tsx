import { type KeyboardEvent, type ReactNode, useRef } from 'react'
import './tabs.css'

export interface Tab<Id extends string> {
  id: Id
  name: string
}

/**
 * Tabs as the WAI-ARIA tabs pattern has them: a tablist whose arrows, Home and End move between the
 * tabs (focus follows the one shown), and the shown tab's panel. Ids are `${idPrefix}-tab-…` and
 * `${idPrefix}-panel-…`; the panel's class is `${idPrefix}-panel`.
 */
export function Tabs<Id extends string>({
  label,
  idPrefix,
  tabs,
  shown,
  show,
  children,
}: {
  label: string
  idPrefix: string
  tabs: readonly Tab<Id>[]
  shown: Id
  show: (tab: Id) => void
  children: ReactNode
}) {
  const buttons = useRef<(HTMLButtonElement | null)[]>([])
  const move = (event: KeyboardEvent, index: number) => {
    const to = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 }[event.key]
    if (to === undefined) return
    event.preventDefault()
    const next = (to + tabs.length) % tabs.length
    show(tabs[next].id)
    buttons.current[next]?.focus()
  }
  return (
    <>
      <div role="tablist" aria-label={label} className="tabs">
        {tabs.map((tab, index) => (
          <button
            key={tab.id}
            ref={(button) => {
              buttons.current[index] = button
            }}
            type="button"
            role="tab"
            id={`${idPrefix}-tab-${tab.id}`}
            aria-selected={tab.id === shown}
            aria-controls={`${idPrefix}-panel-${tab.id}`}
            tabIndex={tab.id === shown ? 0 : -1}
            onClick={() => show(tab.id)}
            onKeyDown={(event) => move(event, index)}
          >
            {tab.name}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`${idPrefix}-panel-${shown}`}
        aria-labelledby={`${idPrefix}-tab-${shown}`}
        className={`${idPrefix}-panel`}
      >
        {children}
      </div>
    </>
  )
}
