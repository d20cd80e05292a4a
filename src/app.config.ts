export default defineAppConfig({
  pages: ['pages/index/index', 'pages/study/index', 'pages/volunteer/index', 'pages/mine/index', 'pages/login/index'],
  // One subpackage per domain keeps the main package small; later: activities, study, volunteer.
  subPackages: [
    { root: 'packages/points', name: 'points', pages: ['pages/rules/index'] },
    { root: 'packages/manage', name: 'manage', pages: ['pages/index/index', 'pages/roster/index'] },
    {
      root: 'packages/dashboard',
      name: 'dashboard',
      pages: ['pages/index/index', 'pages/attention/index', 'pages/members/index', 'pages/sign-in-sheet/index'],
    },
  ],
  preloadRule: {
    'pages/index/index': { network: 'all', packages: ['points'] },
    'pages/mine/index': { network: 'all', packages: ['points', 'manage'] },
  },
  lazyCodeLoading: 'requiredComponents',
  window: {
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
