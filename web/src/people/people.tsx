import type { User } from '../api/session.ts'
import { StandingBanner } from '../moderation/standing-banner.tsx'
import { ConnectionTabs } from './connection-tabs.tsx'
import { usePeopleEvents } from './people-live.ts'
import { PeopleSearch } from './people-search.tsx'
import { ProfileCard } from './profile-card.tsx'
import './people.css'

/** People (/people, loaded on first visit: app.tsx): my social profile, finding people, and my lists, kept live. */
export default function People({ user }: { user: User }) {
  usePeopleEvents()
  return (
    <main className="screen people">
      <h1>People</h1>
      <StandingBanner />
      <ProfileCard displayName={user.displayName} />
      <PeopleSearch />
      <ConnectionTabs />
    </main>
  )
}
