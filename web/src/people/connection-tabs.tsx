import { useSearchParams } from 'wouter'
import { Tabs } from '../ui/tabs.tsx'
import { ConnectionList, EntryButton } from './connection-list.tsx'
import { useStandings } from './people-queries.ts'

const tabs = [
  { id: 'friends', name: 'Friends' },
  { id: 'requests', name: 'Requests' },
  { id: 'following', name: 'Following' },
  { id: 'followers', name: 'Followers' },
  { id: 'blocked', name: 'Blocked' },
] as const
type Tab = (typeof tabs)[number]['id']

/** The tab shown, kept in the URL (`?tab=requests`), so a reload or a shared link keeps it. */
function useTab(): [Tab, (tab: Tab) => void] {
  const [params, setParams] = useSearchParams()
  const tab = tabs.find((each) => each.id === params.get('tab'))?.id ?? 'friends'
  return [tab, (next) => setParams(next === 'friends' ? {} : { tab: next }, { replace: true })]
}

/** My lists as tabs (the WAI-ARIA tabs pattern: the arrows, Home and End move between them). */
export function ConnectionTabs() {
  const [shown, show] = useTab()
  return (
    <section aria-labelledby="connections-heading">
      <h2 id="connections-heading">My people</h2>
      <Tabs label="My people" idPrefix="people" tabs={tabs} shown={shown} show={show}>
        <Panel tab={shown} />
      </Tabs>
    </section>
  )
}

function Panel({ tab }: { tab: Tab }) {
  const standingWith = useStandings()
  switch (tab) {
    case 'friends':
      return (
        <ConnectionList
          list="friends"
          label="Friends"
          empty="No friends yet. Find people above and add them."
          since="Friends since"
          actions={(connection, name, act) => (
            <EntryButton act={act} action="unfriend" connection={connection} label={`Remove friend: ${name}`}>
              Remove friend
            </EntryButton>
          )}
        />
      )
    case 'requests':
      return (
        <>
          <h3>To me</h3>
          <ConnectionList
            list="incoming"
            label="Friend requests to me"
            empty="No requests to you."
            since="Asked"
            actions={(connection, name, act) => (
              <>
                <EntryButton
                  act={act}
                  action="accept"
                  connection={connection}
                  label={`Accept friend request from ${name}`}
                  primary
                >
                  Accept
                </EntryButton>
                <EntryButton
                  act={act}
                  action="decline"
                  connection={connection}
                  label={`Decline friend request from ${name}`}
                >
                  Decline
                </EntryButton>
              </>
            )}
          />
          <h3>From me</h3>
          <ConnectionList
            list="outgoing"
            label="My friend requests"
            empty="You have no requests waiting."
            since="Asked"
            actions={(connection, name, act) => (
              <EntryButton act={act} action="cancel" connection={connection} label={`Cancel friend request to ${name}`}>
                Cancel request
              </EntryButton>
            )}
          />
        </>
      )
    case 'following':
      return (
        <ConnectionList
          list="following"
          label="People I follow"
          empty="You follow nobody yet."
          since="Following since"
          actions={(connection, name, act) => (
            <EntryButton act={act} action="unfollow" connection={connection} label={`Unfollow ${name}`}>
              Unfollow
            </EntryButton>
          )}
        />
      )
    case 'followers':
      return (
        <ConnectionList
          list="followers"
          label="My followers"
          empty="Nobody follows you yet."
          since="Following you since"
          actions={(connection, name, act) =>
            standingWith(connection.user.userId).following ? null : (
              <EntryButton act={act} action="follow" connection={connection} label={`Follow back: ${name}`}>
                Follow back
              </EntryButton>
            )
          }
        />
      )
    case 'blocked':
      return (
        <ConnectionList
          list="blocked"
          label="People I block"
          empty="You block nobody."
          since="Blocked"
          actions={(connection, name, act) => (
            <EntryButton act={act} action="unblock" connection={connection} label={`Unblock ${name}`}>
              Unblock
            </EntryButton>
          )}
        />
      )
  }
}
