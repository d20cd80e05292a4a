export default definePageConfig({ navigationBarTitleText: '查找党员' });
