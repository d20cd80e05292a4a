// Chinese labels for the ledger and the sign-in sheet.
export const ACTIVITY_TYPE_LABEL: Record<string, string> = {
  theme_day: '主题党日',
  general_meeting: '支部党员大会',
  committee_meeting: '支委会',
  group_meeting: '党小组会',
  party_lecture: '党课',
  volunteer: '志愿服务活动',
  other: '其他',
};

export const QUIZ_KIND_LABEL: Record<string, string> = { exam: '考试', practice: '练习' };

export const SOURCE_TYPE_LABEL: Record<string, string> = {
  activity: '参加活动',
  quiz_attempt: '线上答题',
  daily_practice: '每日一练',
  volunteer_record: '志愿服务',
  manual: '书记评定',
  reversal: '冲正',
};
