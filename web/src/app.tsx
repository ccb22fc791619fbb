import { lazy, Suspense, useEffect, useRef, useSyncExternalStore } from 'react'
import { Link, Redirect, Route, Switch, useLocation, useRoute } from 'wouter'
import { session, signOut, type User } from './api/session.ts'
import { AuthScreen } from './auth/auth-screen.tsx'
import { FocusRoutes } from './focus/focus-routes.tsx'
import { LiveUpdates } from './live/live-status.tsx'
import { InvitationsLink } from './members/invitations-link.tsx'
import { MessagesLink } from './messages/messages-link.tsx'
import { canModerate } from './moderation/moderation-text.ts'
import { NotificationBell } from './notifications/notification-bell.tsx'
import { AccountDeletedScreen } from './settings/account-deleted-screen.tsx'
import { SettingsScreen } from './settings/settings-screen.tsx'
import { PublicSessionScreen } from './shared/public-session-screen.tsx'
import { ProjectsScreen } from './tasks/projects-screen.tsx'
import { SearchScreen } from './tasks/search-screen.tsx'
import { TodayScreen } from './tasks/today-screen.tsx'
import { KeyboardShortcuts } from './ui/keyboard-shortcuts.tsx'

const Habits = lazy(() => import('./habits/habits.tsx'))
const Rooms = lazy(() => import('./rooms/rooms.tsx'))
const People = lazy(() => import('./people/people.tsx'))
const Messages = lazy(() => import('./messages/messages.tsx'))
const Feed = lazy(() => import('./feed/feed.tsx'))
const Moderation = lazy(() => import('./moderation/moderation.tsx'))
const TaskDetailScreen = lazy(() =>
  import('./tasks/task-detail-screen.tsx').then((module) => ({ default: module.TaskDetailScreen })),
)
const StatsScreen = lazy(() => import('./stats/stats-screen.tsx').then((module) => ({ default: module.StatsScreen })))
const MembersScreen = lazy(() =>
  import('./members/members-screen.tsx').then((module) => ({ default: module.MembersScreen })),
)
const InvitationsScreen = lazy(() =>
  import('./members/invitations-screen.tsx').then((module) => ({ default: module.InvitationsScreen })),
)
const AchievementsScreen = lazy(() =>
  import('./achievements/achievements-screen.tsx').then((module) => ({ default: module.AchievementsScreen })),
)
const NotificationsScreen = lazy(() =>
  import('./notifications/notifications-screen.tsx').then((module) => ({ default: module.NotificationsScreen })),
)

export function App() {
  const state = useSyncExternalStore(session.subscribe, session.get)
  // A public link's page shows to anyone, signed in or not, without waiting for the session.
  const [isPublic, publicLink] = useRoute('/shared/:token')
  if (isPublic) return <PublicSessionScreen token={publicLink.token} />
  if (state.status === 'resuming') return <p className="muted splash">Loading FocusHub…</p>
  if (state.status === 'signed-out') {
    return (
      <Switch>
        <Route path="/sign-up">
          <AuthScreen mode="sign-up" />
        </Route>
        <Route path="/sign-in">
          <AuthScreen mode="sign-in" />
        </Route>
        <Route path="/account-deleted">
          <AccountDeletedScreen />
        </Route>
        <Route>
          <Redirect to="/sign-in" replace />
        </Route>
      </Switch>
    )
  }
  return <SignedIn user={state.user} />
}

function NavLink({ href, children }: { href: string; children: string }) {
  const [location] = useLocation()
  const current = location === href || location.startsWith(`${href}/`)
  const link = useRef<HTMLAnchorElement>(null)
  // On a phone the links scroll sideways: the current one is kept in view.
  useEffect(() => {
    if (current) link.current?.scrollIntoView({ block: 'nearest', inline: 'nearest' })
  }, [current])
  return (
    <Link ref={link} href={href} className="nav-link" aria-current={current ? 'page' : undefined}>
      {children}
    </Link>
  )
}

function SignedIn({ user }: { user: User }) {
  return (
    <>
      <header className="top">
        <span className="brand">FocusHub</span>
        <nav aria-label="Main">
          <NavLink href="/today">Today</NavLink>
          <NavLink href="/projects">Projects</NavLink>
          <NavLink href="/search">Search</NavLink>
          <NavLink href="/focus">Focus</NavLink>
          <NavLink href="/habits">Habits</NavLink>
          <NavLink href="/rooms">Rooms</NavLink>
          <NavLink href="/people">People</NavLink>
          <MessagesLink />
          <NavLink href="/feed">Feed</NavLink>
          {canModerate(user.role) && <NavLink href="/moderation">Moderation</NavLink>}
          <NavLink href="/stats">Stats</NavLink>
          <NavLink href="/achievements">Achievements</NavLink>
          <NavLink href="/settings">Settings</NavLink>
          <InvitationsLink />
        </nav>
        <NotificationBell />
        <LiveUpdates />
        <KeyboardShortcuts />
        <span className="who" title={user.displayName}>
          {user.displayName}
        </span>
        <button type="button" className="quiet" onClick={() => void signOut()}>
          Sign out
        </button>
      </header>
      <Switch>
        <Route path="/today">
          <TodayScreen user={user} />
        </Route>
        <Route path="/projects">
          <ProjectsScreen />
        </Route>
        <Route path="/projects/:projectId/members">
          {(params) => (
            <Suspense fallback={<p className="muted splash">Loading…</p>}>
              <MembersScreen projectId={params.projectId} userId={user.id} />
            </Suspense>
          )}
        </Route>
        <Route path="/invitations">
          <Suspense fallback={<p className="muted splash">Loading…</p>}>
            <InvitationsScreen />
          </Suspense>
        </Route>
        <Route path="/projects/:projectId">{(params) => <ProjectsScreen projectId={params.projectId} />}</Route>
        <Route path="/tasks/:taskId">
          {(params) => (
            <Suspense fallback={<p className="muted splash">Loading…</p>}>
              <TaskDetailScreen taskId={params.taskId} user={user} />
            </Suspense>
          )}
        </Route>
        <Route path="/search">
          <SearchScreen />
        </Route>
        <Route path="/focus/*?">
          <FocusRoutes />
        </Route>
        <Route path="/habits/:habitId?">
          {(params) => (
            <Suspense fallback={<p className="muted splash">Loading…</p>}>
              <Habits habitId={params.habitId} />
            </Suspense>
          )}
        </Route>
        <Route path="/rooms/*?">
          <Suspense fallback={<p className="muted splash">Loading…</p>}>
            <Rooms user={user} />
          </Suspense>
        </Route>
        <Route path="/people">
          <Suspense fallback={<p className="muted splash">Loading…</p>}>
            <People user={user} />
          </Suspense>
        </Route>
        <Route path="/messages/*?">
          <Suspense fallback={<p className="muted splash">Loading…</p>}>
            <Messages user={user} />
          </Suspense>
        </Route>
        <Route path="/feed/*?">
          <Suspense fallback={<p className="muted splash">Loading…</p>}>
            <Feed user={user} />
          </Suspense>
        </Route>
        <Route path="/moderation/*?">
          <Suspense fallback={<p className="muted splash">Loading…</p>}>
            <Moderation user={user} />
          </Suspense>
        </Route>
        <Route path="/stats">
          <Suspense fallback={<p className="muted splash">Loading…</p>}>
            <StatsScreen />
          </Suspense>
        </Route>
        <Route path="/achievements">
          <Suspense fallback={<p className="muted splash">Loading…</p>}>
            <AchievementsScreen />
          </Suspense>
        </Route>
        <Route path="/notifications">
          <Suspense fallback={<p className="muted splash">Loading…</p>}>
            <NotificationsScreen />
          </Suspense>
        </Route>
        <Route path="/settings">
          <SettingsScreen />
        </Route>
        <Route>
          <Redirect to="/today" replace />
        </Route>
      </Switch>
    </>
  )
}
