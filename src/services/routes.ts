/** Page paths, so a renamed page is one edit. Tab pages must be opened with switchTab. */
export const routes = {
  home: '/pages/index/index',
  study: '/pages/study/index',
  volunteer: '/pages/volunteer/index',
  mine: '/pages/mine/index',
  login: '/pages/login/index',
  /** The login page after 退出登录: it waits for a tap instead of signing in again. */
  loginAfterSignOut: '/pages/login/index?signedOut=1',
  pointsRules: '/packages/points/pages/rules/index',
  manage: '/packages/manage/pages/index/index',
  manageRoster: '/packages/manage/pages/roster/index',
  volunteerLog: '/packages/volunteer/pages/log/index',
  volunteerRecord: '/packages/volunteer/pages/record/index',
  volunteerReview: '/packages/volunteer/pages/review/index',
  myPoints: '/packages/points/pages/mine/index',
  ranking: '/packages/points/pages/ranking/index',
  objectionsReview: '/packages/points/pages/objections/index',
  pointsAward: '/packages/points/pages/award/index',
  pointsYears: '/packages/points/pages/years/index',
} as const;
