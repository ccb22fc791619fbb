import { useSearchParams } from 'wouter'
import { Tabs } from '../ui/tabs.tsx'
import { CaseList } from './case-list.tsx'
import { ModerationLog } from './moderation-log.tsx'

const tabs = [
  { id: 'open', name: 'Open cases' },
  { id: 'closed', name: 'Closed cases' },
  { id: 'log', name: 'Log' },
] as const
type Tab = (typeof tabs)[number]['id']

/**
 * The tab shown and the log's subject, kept in the URL (`?tab=log&subject=<id>`), so a reload, a
 * shared link or the case view's "Log of this person" keeps them.
 */
function useTab(): [Tab, string | undefined, (tab: Tab) => void] {
  const [params, setParams] = useSearchParams()
  const tab = tabs.find((each) => each.id === params.get('tab'))?.id ?? 'open'
  return [
    tab,
    params.get('subject') ?? undefined,
    (next) => setParams(next === 'open' ? {} : { tab: next }, { replace: true }),
  ]
}

/** The queue, closed cases and the log as tabs (the WAI-ARIA tabs pattern: the arrows, Home and End move between them). */
export function ModerationTabs() {
  const [shown, subjectId, show] = useTab()
  return (
    <section aria-label="Cases and log">
      <Tabs label="Moderation" idPrefix="moderation" tabs={tabs} shown={shown} show={show}>
        {shown === 'log' ? <ModerationLog subjectId={subjectId} /> : <CaseList key={shown} status={shown} />}
      </Tabs>
    </section>
  )
}
