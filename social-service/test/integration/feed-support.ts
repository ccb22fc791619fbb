import { expect } from 'vitest'
import { type Person, send, type TestService } from './support.ts'

/** Helpers of the feed suites: posts made by route, relations set in the database. */
export async function newPost(
  service: TestService,
  author: Person,
  body: { body?: string; tags?: string[]; visibility?: 'public' | 'friends' | 'private' } = {},
): Promise<string> {
  const response = await send(service, author, 'POST', '/social/posts', {
    body: { body: 'A post', visibility: 'public', ...body },
  })
  expect(response.statusCode, response.body).toBe(201)
  return response.json().id
}

export const follow = (service: TestService, follower: Person, followee: Person) =>
  service.db.insertInto('follows').values({ follower_id: follower.id, followee_id: followee.id }).execute()

export const unfollow = (service: TestService, follower: Person, followee: Person) =>
  service.db
    .deleteFrom('follows')
    .where('follower_id', '=', follower.id)
    .where('followee_id', '=', followee.id)
    .execute()

/** The ids of a page of posts (or comments) as `person` reads it. */
export async function idsAt(service: TestService, person: Person, url: string): Promise<string[]> {
  const response = await send(service, person, 'GET', url)
  expect(response.statusCode, response.body).toBe(200)
  return response.json().items.map((item: { id: string }) => item.id)
}
