import { type Kysely, sql } from 'kysely'

/**
 * Milestone posts (off by default): the profile's setting, and one row per milestone posted, keyed by
 * user and milestone, so a redelivered event or a streak reaching the same length twice posts once. No
 * foreign key to the post: deleting it must not let the milestone post again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table social_profiles add column milestone_posts boolean not null default false`.execute(db)
  await sql`
    create table milestone_posts (
      user_id uuid not null,
      milestone text not null,
      post_id uuid not null,
      created_at timestamptz not null default now(),
      primary key (user_id, milestone)
    )`.execute(db)
}
