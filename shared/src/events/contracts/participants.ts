import type { EventType, Topic } from './index.ts'

/** The service that publishes each topic. */
export const producers: Record<Topic, string> = {
  'focushub.auth.events': 'auth-service',
}

/** Who handles each event type (consumer group, and what it does). */
export const consumers: Partial<Record<EventType, string[]>> = {
  'auth.user.status_changed': [
    'gateway (group `gateway`): refuses a suspended or deactivated user, allows an active one',
  ],
}
