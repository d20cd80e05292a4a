export default definePageConfig({ navigationBarTitleText: '邀请码与未绑定' });
