export default definePageConfig({ navigationBarTitleText: '党员参与情况' });
