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
  dashboard: '/packages/dashboard/pages/index/index',
  dashboardAttention: '/packages/dashboard/pages/attention/index',
  dashboardMembers: '/packages/dashboard/pages/members/index',
  signInSheet: '/packages/dashboard/pages/sign-in-sheet/index',
} as const;
