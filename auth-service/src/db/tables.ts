/** The tables of focushub_auth, one interface each, assembled into the kysely Database type. */
// biome-ignore lint/complexity/noBannedTypes: tables arrive with the service's first feature migration
export type Database = {}
