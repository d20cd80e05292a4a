export default definePageConfig({ navigationBarTitleText: '线上答题管理' });
