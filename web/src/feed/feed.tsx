import { Link, Route, Switch } from 'wouter'
import type { User } from '../api/session.ts'
import { HiddenList } from '../moderation/hidden-list.tsx'
import { StandingBanner } from '../moderation/standing-banner.tsx'
import { useFeedEvents } from './feed-live.ts'
import { usePosts } from './feed-queries.ts'
import { authorName, isTag } from './feed-text.ts'
import { PostComposer } from './post-composer.tsx'
import { PostList } from './post-list.tsx'
import './feed.css'

/**
 * Feed (/feed, /feed/tags/:tag, /feed/people/:userId; loaded on first visit: app.tsx): my feed with the
 * composer, a tag's public posts and one person's posts, kept live.
 */
export default function Feed({ user }: { user: User }) {
  useFeedEvents()
  return (
    <Switch>
      <Route path="/feed/tags/:tag">{(params) => <TagFeed tag={params.tag} userId={user.id} />}</Route>
      <Route path="/feed/people/:userId">
        {(params) => <PersonFeed key={params.userId} personId={params.userId} userId={user.id} />}
      </Route>
      <Route>
        <main className="screen feed">
          <h1>Feed</h1>
          <StandingBanner />
          <HiddenList />
          <PostComposer />
          <section aria-labelledby="my-feed-heading">
            <h2 id="my-feed-heading">My feed</h2>
            <p className="muted hint">
              {'Your posts and those of the people you follow, newest first. Find people to follow on '}
              <Link href="/people">People</Link>.
            </p>
            <PostList
              source={{ kind: 'mine' }}
              userId={user.id}
              empty="Nothing here yet. Write a post, or follow people to see theirs."
            />
          </section>
        </main>
      </Route>
    </Switch>
  )
}

function TagFeed({ tag, userId }: { tag: string; userId: string }) {
  const shown = tag.toLowerCase()
  return (
    <main className="screen feed">
      <Link href="/feed" className="back-link">
        My feed
      </Link>
      <h1>{`#${shown}`}</h1>
      <section aria-labelledby="tag-posts-heading">
        <h2 id="tag-posts-heading">Public posts</h2>
        {isTag(shown) ? (
          <PostList source={{ kind: 'tag', tag: shown }} userId={userId} empty="No public posts with this tag yet." />
        ) : (
          <p role="alert" className="form-error">
            This is not a tag: tags are letters, digits, _ and -.
          </p>
        )}
      </section>
    </main>
  )
}

function PersonFeed({ personId, userId }: { personId: string; userId: string }) {
  // The name comes with their posts (the API has no other read of a person by id).
  const author = usePosts({ kind: 'person', userId: personId }).data?.pages[0]?.items[0]?.author
  const name = author ? authorName(author, userId) : undefined
  return (
    <main className="screen feed">
      <Link href="/feed" className="back-link">
        My feed
      </Link>
      <h1>{name === 'You' ? 'My posts' : name ? `Posts by ${name}` : 'Posts'}</h1>
      <section aria-labelledby="person-posts-heading">
        <h2 id="person-posts-heading" className="visually-hidden">
          Posts, newest first
        </h2>
        <PostList
          source={{ kind: 'person', userId: personId }}
          userId={userId}
          empty="No posts you can see."
          notFound="This person cannot be found."
        />
      </section>
    </main>
  )
}
