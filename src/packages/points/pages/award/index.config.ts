export default definePageConfig({ navigationBarTitleText: '加分与扣分' });
