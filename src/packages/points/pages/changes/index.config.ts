export default definePageConfig({ navigationBarTitleText: '积分与出勤变动', enablePullDownRefresh: true });
