export default definePageConfig({ navigationBarTitleText: '积分异议处理' });
