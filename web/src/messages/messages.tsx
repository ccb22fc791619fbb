import { Route, Switch } from 'wouter'
import type { User } from '../api/session.ts'
import { StandingBanner } from '../moderation/standing-banner.tsx'
import { ConversationList } from './conversation-list.tsx'
import { ConversationScreen } from './conversation-screen.tsx'
import { NewConversation } from './new-conversation.tsx'
import './messages.css'

/** Messages (/messages, /messages/:id; loaded on first visit: app.tsx): my conversations beside the open one. */
export default function Messages({ user }: { user: User }) {
  return (
    <Switch>
      <Route path="/messages/:id">
        {(params) => (
          <main className="screen messages has-conversation">
            <StandingBanner />
            <ConversationList userId={user.id} openId={params.id} />
            <ConversationScreen key={params.id} conversationId={params.id} userId={user.id} />
          </main>
        )}
      </Route>
      <Route>
        <main className="screen messages">
          <StandingBanner />
          <ConversationList userId={user.id} />
          <NewConversation />
        </main>
      </Route>
    </Switch>
  )
}
