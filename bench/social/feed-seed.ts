import { seededId } from '../scale/seed.ts'

/**
 * The feed's data set in `focushub_scale_social` (bench/scale/databases.ts: beside the dev database, never it),
 * written by the database itself, one `INSERT … SELECT` each, posts in time order (as production writes them).
 * - Users k = 1 … 20,000 are active authors: 1,000,000 posts over a year, each by an author picked by a hash
 *   of its number; an author's posts all have one visibility ((k / 20 + k) mod 10: 0–5 public, 6–8 friends,
 *   9 private, so 60 / 30 / 10 %). Users 20,001 … 21,000 are quiet authors: 10 posts each, over a year old.
 * - The reader (k = 0) follows the 1,000 authors k = 20 j (j = 1 … 1,000), is friends with the 200 of them
 *   whose j mod 5 = 1 (half of those post to friends), blocks users 1–10 and is blocked by 21–30, and liked
 *   every hundredth post. The quiet reader (k = 30,000) follows the 1,000 quiet authors.
 */
export const activeAuthors = 20_000
export const posts = 1_000_000
export const reader = 0
export const quietReader = 30_000
export const userIdOf = (k: number) => seededId(`user ${k}`)

const start = "'2025-12-01T00:00:00Z'::timestamptz"
const year = "interval '365 days'"

/** The SQL of a UUIDv7 at instant `at` whose random bits come from md5(`seed`) (bench/scale/seed.ts's `v7`). */
const v7 = (at: string, seed: string) =>
  `(lpad(to_hex(floor(extract(epoch from ${at}) * 1000)::bigint), 12, '0') || '7' || substr(md5(${seed}), 1, 3) || '8' || substr(md5(${seed}), 4, 15))::uuid`
const user = (k: string) => v7("'2024-01-01T00:00:00Z'::timestamptz", `'user ' || ${k}`)
const everyone = `(select k from generate_series(0, 21000) as k union all select ${quietReader})`

/** The id of active post `n` (1 … posts; a SQL expression), as the seed makes it. */
export const postIdSql = (n: string) => v7(`${start} + ${year} * (${n}::float8 / ${posts})`, `'post ' || ${n}`)

export const feedStatements = [
  `insert into user_profiles (user_id, timezone, day_start_hour, as_of, display_name)
   select ${user('k')}, 'Europe/Berlin', 4, now(), 'Author ' || k from ${everyone} as u(k)`,
  `insert into social_profiles (user_id) select ${user('k')} from ${everyone} as u(k)`,
  `insert into posts (id, author_id, body, visibility, created_at)
   select ${v7('at', 'seed')}, ${user('author')}, 'Post ' || seed || ' of the feed bench', case
       when (author / 20 + author) % 10 < 6 then 'public' when (author / 20 + author) % 10 < 9 then 'friends'
       else 'private' end, at
   from (
     select ${start} - interval '400 days' + interval '1 day' * (n % 30) + interval '1 minute' * n as at,
       'quiet ' || n as seed, ${activeAuthors + 1} + n / 10 as author
     from generate_series(0, 9999) as n
     union all
     select ${start} + ${year} * (n::float8 / ${posts}), 'post ' || n,
       1 + ('x' || substr(md5('author ' || n), 1, 8))::bit(32)::bigint % ${activeAuthors}
     from generate_series(1, ${posts}) as n
   ) as seeded
   order by 1`,
  `insert into follows (follower_id, followee_id, created_at)
   select ${user(String(reader))}, ${user('20 * j')}, ${start} from generate_series(1, 1000) as j
   union all
   select ${user(String(quietReader))}, ${user(`${activeAuthors} + j`)}, ${start} from generate_series(1, 1000) as j`,
  `insert into friendships (user_id, friend_id, created_at)
   select ${user(String(reader))}, ${user('20 * j')}, ${start} from generate_series(1, 1000) as j where j % 5 = 1
   union all
   select ${user('20 * j')}, ${user(String(reader))}, ${start} from generate_series(1, 1000) as j where j % 5 = 1`,
  `insert into blocks (blocker_id, blocked_id, created_at)
   select ${user(String(reader))}, ${user('k')}, ${start} from generate_series(1, 10) as k
   union all
   select ${user('k')}, ${user(String(reader))}, ${start} from generate_series(21, 30) as k`,
  `insert into post_likes (post_id, user_id, created_at)
   select ${postIdSql('n')}, ${user(String(reader))}, ${start}
   from generate_series(100, ${posts}, 100) as n`,
]
