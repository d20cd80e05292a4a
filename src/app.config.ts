export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/study/index',
    'pages/volunteer/index',
    'pages/mine/index',
    'pages/login/index',
    // Main package: a visitor's first page, and the privacy page any page may need.
    'pages/welcome/index',
    'pages/privacy/index',
  ],
  // One subpackage per domain keeps the main package small.
  subPackages: [
    {
      root: 'packages/points',
      name: 'points',
      pages: [
        'pages/rules/index',
        'pages/mine/index',
        'pages/ranking/index',
        'pages/objections/index',
        'pages/award/index',
        'pages/years/index',
        'pages/changes/index',
        'pages/rules-edit/index',
      ],
    },
    {
      root: 'packages/volunteer',
      name: 'volunteer',
      pages: ['pages/log/index', 'pages/record/index', 'pages/review/index'],
    },
    {
      root: 'packages/manage',
      name: 'manage',
      pages: [
        'pages/index/index',
        'pages/roster/index',
        'pages/audit/index',
        'pages/roster-import/index',
        'pages/invite-sheet/index',
        'pages/web-login/index',
        'pages/people/index',
        'pages/branch/index',
        'pages/members/index',
        'pages/member/index',
      ],
    },
    {
      root: 'packages/study',
      name: 'study',
      pages: [
        'pages/attempt/index',
        'pages/result/index',
        'pages/practice/index',
        'pages/wrong-book/index',
        'pages/manage-bank/index',
        'pages/manage-question/index',
        'pages/manage-import/index',
        'pages/manage-quizzes/index',
        'pages/manage-quiz-new/index',
        'pages/manage-quiz/index',
        'pages/manage-stats/index',
      ],
    },
    {
      root: 'packages/activities',
      name: 'activities',
      pages: [
        'pages/list/index',
        'pages/detail/index',
        'pages/manage/index',
        'pages/edit/index',
        'pages/display/index',
        'pages/roster/index',
      ],
    },
    {
      root: 'packages/dashboard',
      name: 'dashboard',
      pages: ['pages/index/index', 'pages/attention/index', 'pages/members/index', 'pages/sign-in-sheet/index'],
    },
  ],
  preloadRule: {
    'pages/index/index': { network: 'all', packages: ['points', 'activities'] },
    'pages/volunteer/index': { network: 'all', packages: ['volunteer'] },
    'pages/study/index': { network: 'all', packages: ['study'] },
    'pages/mine/index': { network: 'all', packages: ['points', 'manage'] },
  },
  lazyCodeLoading: 'requiredComponents',
  // Location is read only when an activity sets a check-in geofence (an extra check, never the only one).
  permission: { 'scope.userLocation': { desc: '仅在活动设置了签到范围时，用于确认您在活动地点附近' } },
  requiredPrivateInfos: ['getLocation'],
  // Privacy consent the current way: WeChat holds a call that needs it and the app explains
  // (utils/privacy.ts opens pages/privacy with 同意 / 不同意).
  __usePrivacyCheck__: true,
  // WeChat's current component styles; keeps personal pages out of WeChat search.
  style: 'v2',
  sitemapLocation: 'sitemap.json',
  // H5: no sliding page transition (on a slow network a page arrived half-way in and stayed cut).
  // Not a mini-program key, so only on H5.
  ...(process.env.TARO_ENV === 'h5' ? { animation: false } : {}),
  window: {
    // H5 draws Taro's title bar with it (back, or 首页 when there is no history); weapp's default anyway.
    navigationStyle: 'default',
    navigationBarBackgroundColor: '#C8161D',
    navigationBarTitleText: '先锋',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f5f5',
    backgroundTextStyle: 'dark',
  },
  // Icons are drawn by tools/make-tab-icons.mjs.
  tabBar: {
    color: '#4a4a4a',
    selectedColor: '#C8161D',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/index/index',
        text: '首页',
        iconPath: 'assets/tab-bar/home.png',
        selectedIconPath: 'assets/tab-bar/home-active.png',
      },
      {
        pagePath: 'pages/study/index',
        text: '学习',
        iconPath: 'assets/tab-bar/study.png',
        selectedIconPath: 'assets/tab-bar/study-active.png',
      },
      {
        pagePath: 'pages/volunteer/index',
        text: '志愿',
        iconPath: 'assets/tab-bar/volunteer.png',
        selectedIconPath: 'assets/tab-bar/volunteer-active.png',
      },
      {
        pagePath: 'pages/mine/index',
        text: '我的',
        iconPath: 'assets/tab-bar/mine.png',
        selectedIconPath: 'assets/tab-bar/mine-active.png',
      },
    ],
  },
});
