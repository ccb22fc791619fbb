export interface UserRewardsTable {
  user_id: string
  points: number
}
