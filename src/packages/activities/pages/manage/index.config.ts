export default definePageConfig({ navigationBarTitleText: '活动与签到', enablePullDownRefresh: true });
