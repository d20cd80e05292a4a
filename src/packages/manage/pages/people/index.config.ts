export default definePageConfig({ navigationBarTitleText: '组织与成员' });
