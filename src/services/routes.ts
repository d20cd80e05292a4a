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
  quizAttempt: '/packages/study/pages/attempt/index',
  quizResult: '/packages/study/pages/result/index',
  practice: '/packages/study/pages/practice/index',
  wrongBook: '/packages/study/pages/wrong-book/index',
  manageBank: '/packages/study/pages/manage-bank/index',
  manageQuestion: '/packages/study/pages/manage-question/index',
  manageImport: '/packages/study/pages/manage-import/index',
  manageQuizzes: '/packages/study/pages/manage-quizzes/index',
  manageQuizNew: '/packages/study/pages/manage-quiz-new/index',
  manageStats: '/packages/study/pages/manage-stats/index',
} as const;
