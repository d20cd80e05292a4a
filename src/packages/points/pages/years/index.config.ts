export default definePageConfig({ navigationBarTitleText: '年度结算与排名设置' });
