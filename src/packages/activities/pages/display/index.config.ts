export default definePageConfig({
  navigationBarTitleText: '签到',
  navigationBarBackgroundColor: '#A01016',
  backgroundColor: '#A01016',
});
