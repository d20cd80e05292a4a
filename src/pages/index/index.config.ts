export default definePageConfig({
  navigationBarTitleText: '先锋',
  enablePullDownRefresh: true,
});
