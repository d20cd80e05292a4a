// The demo organisation (DESIGN.md, "The demo organisation"): 示例市机关党委 with four
// branches, 60 people and a year of activities, attendance, quizzes, volunteer service
// and awards. Pure and deterministic: everything comes from a seeded PRNG and from `now`
// (a parameter), never from Math.random or the clock, so tests and the seeder agree.
//
// All wall-clock times are China Standard Time (UTC+8, no daylight saving) and are
// written as ISO 8601 with a +08:00 offset.
import { QUESTION_BANK } from './questions.js';

export type ActivityType =
  'theme_day' | 'general_meeting' | 'committee_meeting' | 'group_meeting' | 'party_lecture' | 'volunteer' | 'other';
// theme_day 主题党日, general_meeting 支部党员大会, committee_meeting 支委会, group_meeting 党小组会,
// party_lecture 党课, volunteer 志愿服务活动, other 其他
export type BranchKey = 'b1' | 'b2' | 'b3' | 'retired';
export interface DemoBranch {
  key: BranchKey;
  name: string;
}
export interface DemoPerson {
  key: string;
  name: string;
  gender: 'M' | 'F';
  phone: string;
  politicalStatus: 'full' | 'probationary';
  employment: 'in_service' | 'retired';
  joinedPartyOn: string;
  branchKey: BranchKey | null;
  roles: Array<'member' | 'secretary' | 'org_admin'>;
  title: string;
  engagement: number;
}
export interface DemoAttendance {
  personKey: string;
  status: 'present' | 'late' | 'leave' | 'absent';
  method: 'qr' | 'code' | 'roster' | null;
  checkedInAt: string | null;
  note: string | null;
}
export interface DemoActivity {
  key: string;
  branchKey: BranchKey | null /* null = whole org */;
  type: ActivityType;
  title: string;
  topic: string;
  place: string;
  startsAt: string;
  endsAt: string;
  status: 'scheduled' | 'closed' | 'cancelled';
  attendance: DemoAttendance[];
  record: string | null;
}
export interface DemoQuestion {
  kind: 'single' | 'multiple' | 'judge';
  stem: string;
  options: string[];
  answer: number[];
  explanation: string;
  tags: string[];
  difficulty: 1 | 2 | 3;
  source: string;
}
export interface DemoQuizAttempt {
  personKey: string;
  score: number;
  /** The question indexes answered right; the others were missed. */
  correct: number[];
  passed: boolean;
  startedAt: string;
  submittedAt: string;
}
export interface DemoQuiz {
  key: string;
  title: string;
  branchKey: BranchKey | null;
  kind: 'exam' | 'practice';
  questionIndexes: number[];
  timeLimitMinutes: number;
  passMark: number;
  opensAt: string;
  closesAt: string;
  attempts: DemoQuizAttempt[];
}
export type VolunteerCategory = '社区服务' | '文明创建' | '乡村振兴' | '应急救灾' | '助老助残' | '其他';
export interface DemoVolunteerRecord {
  personKey: string;
  date: string;
  hours: number;
  category: VolunteerCategory;
  place: string;
  description: string;
  status: 'approved' | 'pending' | 'rejected';
  reviewerKey: string | null;
  decidedAt: string | null;
  rejectReason: string | null;
  submittedAt: string;
}
export interface DemoAward {
  personKey: string;
  actorKey: string;
  delta: number;
  reason: string;
  at: string;
}
export interface DemoOrg {
  orgName: string;
  branches: DemoBranch[];
  people: DemoPerson[];
  activities: DemoActivity[];
  questions: DemoQuestion[];
  quizzes: DemoQuiz[];
  volunteerRecords: DemoVolunteerRecord[];
  awards: DemoAward[];
}

export const DEFAULT_DEMO_SEED = 20260101;
export const ORG_ADMIN_KEY = 'admin';

// ---------------------------------------------------------------------------------------
// Seeded randomness

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a, to derive an independent stream per section from one seed. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  between(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }
  /** Integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }
  shuffle<T>(items: readonly T[]): T[] {
    const a = [...items];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = a[i] as T;
      a[i] = a[j] as T;
      a[j] = tmp;
    }
    return a;
  }
}

// ---------------------------------------------------------------------------------------
// China Standard Time calendar helpers

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const CST = 8 * HOUR;

const pad = (n: number) => String(n).padStart(2, '0');

/** Epoch ms of a CST wall-clock time. */
function cstMs(y: number, m: number, d: number, h = 0, min = 0, s = 0): number {
  return Date.UTC(y, m - 1, d, h, min, s) - CST;
}

interface LocalTime {
  y: number;
  m: number;
  d: number;
  h: number;
  min: number;
  dow: number;
}

function local(ms: number): LocalTime {
  const t = new Date(ms + CST);
  return {
    y: t.getUTCFullYear(),
    m: t.getUTCMonth() + 1,
    d: t.getUTCDate(),
    h: t.getUTCHours(),
    min: t.getUTCMinutes(),
    dow: t.getUTCDay(),
  };
}

function iso(ms: number): string {
  const t = new Date(ms + CST);
  return (
    `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}` +
    `T${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}+08:00`
  );
}

function ymdOf(y: number, m: number, d: number): string {
  return `${y}-${pad(m)}-${pad(d)}`;
}

function ymd(ms: number): string {
  const t = local(ms);
  return ymdOf(t.y, t.m, t.d);
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function weekday(y: number, m: number, d: number): number {
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

function addMonths(y: number, m: number, k: number): { y: number; m: number } {
  const idx = y * 12 + (m - 1) + k;
  return { y: Math.floor(idx / 12), m: (idx % 12) + 1 };
}

/** 春节 (lunar new year's day) for the years the demo is likely to be seeded in. */
const SPRING_FESTIVAL: Record<number, [number, number]> = {
  2024: [2, 10],
  2025: [1, 29],
  2026: [2, 17],
  2027: [2, 6],
  2028: [1, 26],
  2029: [2, 13],
  2030: [2, 3],
};

/** Roughly the public holidays: no branch meets on them. */
function isHoliday(y: number, m: number, d: number): boolean {
  if (m === 1 && d <= 3) return true; // 元旦
  if (m === 4 && d >= 4 && d <= 6) return true; // 清明 (approximate)
  if (m === 5 && d <= 5) return true; // 劳动节
  if (m === 10 && d <= 8) return true; // 国庆
  const sf = SPRING_FESTIVAL[y];
  if (sf) {
    const t = Date.UTC(y, m - 1, d);
    const s = Date.UTC(y, sf[0] - 1, sf[1]);
    if (t >= s - 2 * DAY && t <= s + 6 * DAY) return true;
  }
  return false;
}

function isWorkday(y: number, m: number, d: number): boolean {
  const w = weekday(y, m, d);
  return w >= 1 && w <= 5 && !isHoliday(y, m, d);
}

// ---------------------------------------------------------------------------------------
// The organisation

const ORG_NAME = '示例市机关党委';

interface BranchSpec {
  key: BranchKey;
  name: string;
  size: number;
  retired: boolean;
  /** Where the branch usually meets. */
  room: string;
  /** 主题党日 is held on a relatively fixed day: the first matching weekday in the window. */
  themeWindow: [number, number];
  themeDow: number;
  committeeDow: number;
  groupWindow: [number, number];
  groupDow: number;
}

const BRANCH_SPECS: BranchSpec[] = [
  {
    key: 'b1',
    name: '机关第一党支部',
    size: 12,
    retired: false,
    room: '机关大楼三楼会议室',
    themeWindow: [8, 14],
    themeDow: 4,
    committeeDow: 1,
    groupWindow: [20, 27],
    groupDow: 2,
  },
  {
    key: 'b2',
    name: '机关第二党支部',
    size: 12,
    retired: false,
    room: '机关大楼五楼党员活动室',
    themeWindow: [15, 21],
    themeDow: 5,
    committeeDow: 2,
    groupWindow: [22, 28],
    groupDow: 3,
  },
  {
    key: 'b3',
    name: '机关第三党支部',
    size: 15,
    retired: false,
    room: '机关大楼二楼第一会议室',
    themeWindow: [22, 28],
    themeDow: 3,
    committeeDow: 3,
    groupWindow: [9, 16],
    groupDow: 4,
  },
  {
    key: 'retired',
    name: '退休干部党支部',
    size: 20,
    retired: true,
    room: '老干部活动中心二楼活动室',
    themeWindow: [10, 16],
    themeDow: 2,
    committeeDow: 1,
    groupWindow: [18, 25],
    groupDow: 4,
  },
];

type Gender = 'M' | 'F';

/** Everyday names of people of working age. No public figures. */
const IN_SERVICE_NAMES: Array<[string, Gender]> = [
  ['周明轩', 'M'],
  ['陈志远', 'M'],
  ['赵宇航', 'M'],
  ['孙浩然', 'M'],
  ['吴立新', 'M'],
  ['郑凯', 'M'],
  ['冯晓东', 'M'],
  ['何俊杰', 'M'],
  ['许文博', 'M'],
  ['韩磊', 'M'],
  ['曹振宇', 'M'],
  ['彭海涛', 'M'],
  ['谢晨阳', 'M'],
  ['唐志刚', 'M'],
  ['蒋一帆', 'M'],
  ['钟伟民', 'M'],
  ['邓宏亮', 'M'],
  ['潘立军', 'M'],
  ['杜鹏飞', 'M'],
  ['夏正阳', 'M'],
  ['方明哲', 'M'],
  ['廖春生', 'M'],
  ['程俊峰', 'M'],
  ['林晓燕', 'F'],
  ['黄丽华', 'F'],
  ['徐静怡', 'F'],
  ['马雪梅', 'F'],
  ['胡婷婷', 'F'],
  ['高雅琴', 'F'],
  ['罗佳慧', 'F'],
  ['宋雨桐', 'F'],
  ['郭欣然', 'F'],
  ['田芳', 'F'],
  ['付秋月', 'F'],
  ['邹颖', 'F'],
  ['崔晓萌', 'F'],
  ['贺文静', 'F'],
  ['汪晴', 'F'],
  ['范丽娟', 'F'],
  ['秦思雨', 'F'],
  ['易春燕', 'F'],
  ['董立伟', 'M'],
];

/** Names typical of the generation that joined the party in the 1970s to 1990s. */
const RETIRED_NAMES: Array<[string, Gender]> = [
  ['王建国', 'M'],
  ['李秀兰', 'F'],
  ['张桂芳', 'F'],
  ['刘德明', 'M'],
  ['陈淑珍', 'F'],
  ['杨振华', 'M'],
  ['赵玉兰', 'F'],
  ['黄国强', 'M'],
  ['周凤英', 'F'],
  ['吴永福', 'M'],
  ['孙桂英', 'F'],
  ['马文斌', 'M'],
  ['朱秀英', 'F'],
  ['胡卫东', 'M'],
  ['郭志强', 'M'],
  ['何淑华', 'F'],
  ['高建军', 'M'],
  ['罗长青', 'M'],
  ['梁素芬', 'F'],
  ['宋德胜', 'M'],
  ['韦秀云', 'F'],
  ['谭继红', 'F'],
];

const ADMIN_NAME: [string, Gender] = ['邵丽萍', 'F'];

const PHONE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '153',
  '155',
  '156',
  '157',
  '158',
  '159',
  '177',
  '180',
  '181',
  '182',
  '186',
  '187',
  '188',
  '189',
  '199',
];

// ---------------------------------------------------------------------------------------
// What the branches do each month. Topics are plain descriptions of ordinary branch life;
// no quotations and no figures are invented.

interface Content {
  title: string;
  topic: string;
  /** What happened, one sentence for the meeting record. */
  done: string;
  place?: string;
}

const COMMUNITY = '红旗社区党群服务中心';

function themeDayContent(month: number, year: number, retired: boolean): Content {
  switch (month) {
    case 1:
      return {
        title: '学习贯彻党的二十届四中全会精神',
        topic: '集中学习党的二十届四中全会公报，结合本职工作交流贯彻落实打算',
        done: '书记领学全会公报，党员结合各自岗位逐一交流学习体会和贯彻打算',
      };
    case 2:
      return retired
        ? {
            title: '迎新春老党员座谈会',
            topic: '老党员座谈交流，通报支部年度工作安排，征求对支部工作的意见建议',
            done: '老党员畅谈新春感受，对支部工作提出意见建议，支部逐条登记',
          }
        : {
            title: '新春走访慰问老党员和困难党员',
            topic: '走访慰问结对社区的老党员、困难党员，送去新春问候，听取意见建议',
            done: '党员分三组走访结对社区的老党员和困难党员，登记群众反映的意见建议',
            place: COMMUNITY,
          };
    case 3:
      return retired
        ? {
            title: '学雷锋便民服务进社区',
            topic: '发挥老党员专长，在社区开展政策咨询和邻里互助便民服务',
            done: '老党员在社区设点开展政策咨询和邻里互助服务',
            place: COMMUNITY,
          }
        : {
            title: '学雷锋志愿服务',
            topic: '到结对的红旗社区开展学雷锋志愿服务，参与环境整治和文明劝导',
            done: '党员分组参与社区环境整治和文明劝导，并与社区党委商定后续服务项目',
            place: COMMUNITY,
          };
    case 4:
      return {
        title: '清明祭英烈',
        topic: '到示例市烈士陵园敬献花篮、重温入党誓词，缅怀革命先烈',
        done: '全体参加人员向烈士纪念碑敬献花篮并默哀，书记领誓重温入党誓词',
        place: '示例市烈士陵园',
      };
    case 5:
      return {
        title: '学习《中国共产党支部工作条例（试行）》',
        topic: '学习支部工作条例中工作机制和组织生活有关规定，对照检查本支部“三会一课”、主题党日落实情况',
        done: '组织委员领学条例有关章节，支部对照“三会一课”台账查找不足并列出整改事项',
      };
    case 6:
      return {
        title: '廉政警示教育',
        topic: '观看警示教育片，学习《中国共产党纪律处分条例》有关条款，开展廉政提醒谈话',
        done: '集中观看警示教育片并学习纪律处分条例有关条款，党员围绕守纪律、讲规矩交流观后感',
      };
    case 7:
      return {
        title: `庆祝中国共产党成立${year - 1921}周年 重温入党誓词`,
        topic: retired
          ? '重温入党誓词，为本月入党的老党员过“政治生日”，交流入党初心'
          : '重温入党誓词，交流入党初心和岗位实践体会',
        done: retired
          ? '全体党员面向党旗重温入党誓词，支部为本月入党的老党员过“政治生日”'
          : '全体党员面向党旗重温入党誓词，党员代表交流入党初心和岗位实践体会',
      };
    case 8:
      return {
        title: '学党章 对照党员义务找差距',
        topic: '学习《中国共产党章程》第一章“党员”，对照党员义务逐条自查',
        done: '领学党章第一章，党员对照党员义务逐条自查并填写自查表',
      };
    case 9:
      return {
        title: '铭记历史 缅怀先烈',
        topic: '参观示例市革命历史纪念馆抗战主题展览，开展爱国主义教育',
        done: '参观纪念馆抗战主题展览并听取讲解，党员会后撰写参观感想',
        place: '示例市革命历史纪念馆',
      };
    case 10:
      return retired
        ? {
            title: '重阳敬老 老党员座谈',
            topic: '重阳节老党员座谈，交流健康养老和发挥余热的体会',
            done: '老党员座谈交流，支部为行动不便的老党员安排上门走访',
          }
        : {
            title: '“我为群众办实事”走进社区',
            topic: '到结对的红旗社区开展政策宣讲和便民服务，收集群众诉求',
            done: '党员在社区设点开展政策宣讲，收集群众诉求并登记转办',
            place: COMMUNITY,
          };
    case 11:
      return {
        title: '学党章党规 准备年度民主评议',
        topic: '学习支部工作条例关于组织生活会、民主评议党员的规定，为年度组织生活会做准备',
        done: '学习组织生活会和民主评议党员有关规定，支部布置谈心谈话和征求意见工作',
      };
    default:
      return {
        title: '国家宪法日学习宪法',
        topic: '围绕12月4日国家宪法日学习宪法有关条款，交流依法履职体会',
        done: retired
          ? '集中学习宪法有关条款，老党员结合亲身经历交流学法用法体会'
          : '集中学习宪法有关条款，党员结合岗位交流依法履职体会',
      };
  }
}

const GROUP_TOPICS: Record<number, string> = {
  1: '学习党的二十届四中全会公报，交流学习体会',
  2: '交流新春走访慰问情况，讨论党小组年度学习计划',
  3: '学习《中国共产党章程》总纲，开展谈心谈话',
  4: '学习《中国共产党纪律处分条例》总则',
  5: '学习党史：遵义会议的历史意义',
  6: '围绕廉政警示教育开展批评和自我批评',
  7: '交流“七一”重温入党誓词的体会',
  8: '学习党章第一章，对照党员义务交流',
  9: '交流参加志愿服务的体会',
  10: '学习党史：古田会议与思想建党、政治建军',
  11: '谈心谈话，为年度组织生活会征求意见',
  12: '学习宪法，交流依法履职体会',
};

const COMMITTEE_TOPICS: Record<number, string> = {
  1: '研究支部年度工作计划和“三会一课”安排',
  2: '研究新春走访慰问安排，通报党费收缴情况',
  3: '研究学雷锋志愿服务方案，讨论一季度支部党员大会议题',
  4: '研究清明祭英烈活动方案，分析党员参加组织生活情况',
  5: '研究党课安排，审核党员志愿服务记录',
  6: '研究“七一”表彰推荐人选，讨论二季度支部党员大会议题',
  7: '研究下半年工作安排，通报党费收缴情况',
  8: '研究纪律教育学习安排，审核党员志愿服务记录',
  9: '研究三季度支部党员大会议题，分析党员参加组织生活情况',
  10: '研究“我为群众办实事”项目进展，通报党费收缴情况',
  11: '研究年度组织生活会和民主评议党员准备工作',
  12: '研究支部年度工作总结，讨论四季度支部党员大会议题',
};

const GENERAL_MEETING_TOPICS: Record<number, string> = {
  3: '通报支部年度工作计划，公示上年度党费收缴情况',
  6: '通报上半年支部工作，讨论推荐“七一”表彰人选',
  9: '通报三季度支部工作，学习上级党组织有关工作部署',
  12: '听取和审议支部委员会年度工作报告，部署民主评议党员工作',
};

interface LectureContent {
  title: string;
  topic: string;
  /** 0: the secretary lectures, 1: the 组织委员, 2: the 宣传委员. */
  lecturer: 0 | 1 | 2;
}

const LECTURES: Record<number, LectureContent> = {
  2: {
    title: '书记讲党课：学习贯彻党的二十届四中全会精神',
    topic: '支部书记结合本单位工作，讲解全会精神和贯彻落实要求',
    lecturer: 0,
  },
  5: {
    title: '党课：从党史中汲取奋进力量',
    topic: '回顾遵义会议等重要历史事件，讲解党在重大历史关头坚持实事求是的经验',
    lecturer: 2,
  },
  8: {
    title: '党课：严守纪律规矩 锤炼过硬作风',
    topic: '结合《中国共产党纪律处分条例》讲解政治、组织、廉洁、群众、工作、生活六项纪律要求',
    lecturer: 1,
  },
  11: {
    title: '书记讲党课：对照党章党规 做合格党员',
    topic: '讲解党章规定的党员义务和权利，引导党员对照检查、查找差距',
    lecturer: 0,
  },
};

const LEAVE_REASONS_IN_SERVICE = ['因公出差', '参加市里集中培训', '单位值班', '身体不适', '陪同家人就医', '下乡调研'];
const LEAVE_REASONS_RETIRED = ['身体不适', '外出就医', '在外地子女家', '行动不便', '家中有事'];

// ---------------------------------------------------------------------------------------
// Question bank: only facts checked against the texts they cite.

// The question bank lives in questions.ts.
export { DEMO_QUESTIONS, QUESTION_BANK } from './questions.js';

// ---------------------------------------------------------------------------------------
// Volunteer service

interface ServiceKind {
  category: VolunteerCategory;
  /** Where and what: each description fits its place. */
  items: Array<[string, string]>;
  hours: number[];
  /** Months in which this service happens (all when absent). */
  months?: number[];
}

const SERVICE_KINDS: ServiceKind[] = [
  {
    category: '社区服务',
    items: [
      ['红旗社区', '协助社区开展垃圾分类宣传，指导居民分类投放'],
      ['光明路社区', '参与老旧小区楼道清理和环境整治'],
      ['红旗社区党群服务中心', '在党群服务中心值守，协助居民咨询办事'],
      ['东湖街道新村社区', '参与社区反诈宣传，向居民讲解常见骗局'],
    ],
    hours: [1.5, 2, 2, 2.5, 3],
  },
  {
    category: '文明创建',
    items: [
      ['人民路与解放路交叉口', '在路口开展交通文明劝导，引导行人规范通行'],
      ['滨河公园', '清理公园绿地垃圾，劝导不文明行为'],
      ['示例市火车站站前广场', '在站前广场开展文明出行宣传引导'],
    ],
    hours: [1.5, 2, 2.5, 3],
  },
  {
    category: '乡村振兴',
    items: [
      ['结对帮扶村东山村', '到结对帮扶村协助整理村务公开资料'],
      ['结对帮扶村东山村', '协助农户对接农产品线上销售渠道'],
      ['青石镇柳塘村', '参与村庄人居环境整治'],
    ],
    hours: [3, 4, 4.5, 5, 6],
  },
  {
    category: '应急救灾',
    items: [
      ['滨河堤段防汛值守点', '参与汛期堤防巡查值守'],
      ['东湖街道低洼片区', '协助转移低洼片区群众，搬运防汛物资'],
    ],
    hours: [4, 5, 6, 8],
    months: [6, 7, 8],
  },
  {
    category: '助老助残',
    items: [
      ['红旗社区日间照料中心', '陪伴老人聊天，协助开展文娱活动'],
      ['红旗社区日间照料中心', '教老年人使用智能手机挂号、缴费'],
      ['示例市社会福利院', '协助福利院打扫卫生、整理物资'],
      ['光明路社区', '为社区残疾人家庭上门送去生活物资'],
    ],
    hours: [1.5, 2, 2.5, 3],
  },
  {
    category: '其他',
    items: [
      ['示例市中心血站献血屋', '在无偿献血点协助引导献血者登记'],
      ['示例市图书馆', '在图书馆协助整理图书、引导读者'],
    ],
    hours: [2, 2.5, 3],
  },
];

const IN_SERVICE_KIND_WEIGHTS: Record<VolunteerCategory, number> = {
  社区服务: 4,
  文明创建: 3,
  乡村振兴: 2,
  应急救灾: 2,
  助老助残: 2,
  其他: 1,
};
const RETIRED_KIND_WEIGHTS: Record<VolunteerCategory, number> = {
  社区服务: 5,
  文明创建: 2,
  乡村振兴: 0,
  应急救灾: 0,
  助老助残: 4,
  其他: 1,
};

const REJECT_REASONS = ['服务时长与活动记录不符，请核对后重新提交', '未注明服务组织方或联系人，请补充后重新提交'];

// ---------------------------------------------------------------------------------------
// Building

interface Slot {
  key: string;
  branchKey: BranchKey | null;
  type: ActivityType;
  y: number;
  m: number;
  d: number;
  startsMs: number;
  endsMs: number;
  place: string;
}

interface Built {
  person: DemoPerson;
  spec: BranchSpec | null;
  index: number;
}

function weightedPick<T extends string>(rng: Rng, weights: Record<T, number>, allowed: (k: T) => boolean): T {
  const entries = (Object.entries(weights) as Array<[T, number]>).filter(([k, w]) => w > 0 && allowed(k));
  const total = entries.reduce((s, [, w]) => s + w, 0);
  let r = rng.float() * total;
  for (const [k, w] of entries) {
    r -= w;
    if (r < 0) return k;
  }
  return (entries[entries.length - 1] as [T, number])[0];
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export function buildDemoOrg(now: Date, seed: number = DEFAULT_DEMO_SEED): DemoOrg {
  const nowMs = now.getTime();
  if (!Number.isFinite(nowMs)) throw new Error('buildDemoOrg: now is not a valid date');
  const stream = (name: string) => new Rng((seed ^ hashString(name)) >>> 0);
  const today = local(nowMs);
  const todayYmd = ymdOf(today.y, today.m, today.d);
  const start = addMonths(today.y, today.m, -11);
  const historyStartMs = cstMs(start.y, start.m, 1);
  const horizonMs = nowMs + 14 * DAY;
  const horizon = local(horizonMs);
  const monthCount = horizon.y * 12 + horizon.m - (start.y * 12 + start.m) + 1;
  const months = Array.from({ length: monthCount }, (_, k) => addMonths(start.y, start.m, k));

  // ---- calendar (dates only; people are not needed to place meetings)
  const calRng = stream('calendar');
  const taken = new Map<BranchKey, Set<string>>(BRANCH_SPECS.map((b) => [b.key, new Set<string>()]));
  const takenBy = (key: BranchKey) => taken.get(key) as Set<string>;

  function pickDay(
    y: number,
    m: number,
    from: number,
    to: number,
    preferredDow: number | null,
    branches: BranchKey[],
  ): number | null {
    const free = (d: number) => isWorkday(y, m, d) && branches.every((b) => !takenBy(b).has(ymdOf(y, m, d)));
    const last = daysInMonth(y, m);
    const inWindow: number[] = [];
    for (let d = Math.max(1, from); d <= Math.min(to, last); d++) if (free(d)) inWindow.push(d);
    if (preferredDow !== null) {
      const preferred = inWindow.find((d) => weekday(y, m, d) === preferredDow);
      if (preferred !== undefined) return preferred;
    }
    if (inWindow.length) return calRng.pick(inWindow);
    const anywhere: number[] = [];
    for (let d = 1; d <= last; d++) if (free(d)) anywhere.push(d);
    return anywhere.length ? calRng.pick(anywhere) : null;
  }

  const slots: Slot[] = [];
  function addSlot(
    branchKey: BranchKey | null,
    type: ActivityType,
    y: number,
    m: number,
    d: number,
    from: [number, number],
    to: [number, number],
    place: string,
  ) {
    const ymdStr = ymdOf(y, m, d);
    for (const b of branchKey ? [branchKey] : BRANCH_SPECS.map((s) => s.key)) takenBy(b).add(ymdStr);
    slots.push({
      key: `${branchKey ?? 'org'}-${type}-${y}${pad(m)}`,
      branchKey,
      type,
      y,
      m,
      d,
      startsMs: cstMs(y, m, d, from[0], from[1]),
      endsMs: cstMs(y, m, d, to[0], to[1]),
      place,
    });
  }

  const allBranchKeys = BRANCH_SPECS.map((b) => b.key);
  // Org-wide first, so the branches plan around them.
  for (const { y, m } of months) {
    if (m === 3) {
      const d = pickDay(y, m, 4, 7, null, allBranchKeys);
      if (d !== null) addSlot(null, 'volunteer', y, m, d, [9, 0], [11, 30], '示例市人民广场及周边街区');
    }
    if (m === 6) {
      const d = pickDay(y, m, 23, 30, null, allBranchKeys);
      if (d !== null) addSlot(null, 'party_lecture', y, m, d, [9, 0], [11, 0], '机关大楼一楼报告厅');
    }
  }
  for (const spec of BRANCH_SPECS) {
    const am = spec.retired;
    let groupsSkipped = 0;
    for (const { y, m } of months) {
      const theme = themeDayContent(m, y, am);
      const td = pickDay(y, m, spec.themeWindow[0], spec.themeWindow[1], spec.themeDow, [spec.key]);
      if (td !== null)
        addSlot(
          spec.key,
          'theme_day',
          y,
          m,
          td,
          am ? [9, 0] : [14, 30],
          am ? [11, 0] : [16, 30],
          theme.place ?? spec.room,
        );
      const cd = pickDay(y, m, 2, 8, spec.committeeDow, [spec.key]);
      if (cd !== null)
        addSlot(spec.key, 'committee_meeting', y, m, cd, am ? [9, 0] : [16, 0], am ? [10, 0] : [17, 0], spec.room);
      if (m % 3 === 0) {
        const gd = pickDay(y, m, 20, 28, 5, [spec.key]);
        if (gd !== null)
          addSlot(spec.key, 'general_meeting', y, m, gd, am ? [9, 0] : [14, 30], am ? [11, 0] : [16, 30], spec.room);
      }
      if (m % 3 === 2) {
        const ld = pickDay(y, m, 12, 20, null, [spec.key]);
        if (ld !== null)
          addSlot(spec.key, 'party_lecture', y, m, ld, am ? [9, 30] : [14, 30], am ? [11, 0] : [16, 0], spec.room);
      }
      // 党小组会 most months: skipped in a month with a quarterly 党员大会 now and then.
      const skipGroup = m % 3 === 0 && groupsSkipped < 2 && calRng.chance(0.35);
      if (skipGroup) groupsSkipped++;
      else {
        const gd = pickDay(y, m, spec.groupWindow[0], spec.groupWindow[1], spec.groupDow, [spec.key]);
        if (gd !== null)
          addSlot(spec.key, 'group_meeting', y, m, gd, am ? [9, 30] : [15, 0], am ? [10, 30] : [16, 0], spec.room);
      }
    }
  }
  slots.sort((a, b) => a.startsMs - b.startsMs || a.key.localeCompare(b.key));
  const pastSlots = slots.filter((s) => s.endsMs <= nowMs);
  const futureSlots = slots.filter((s) => s.startsMs > nowMs && s.startsMs <= horizonMs);

  // ---- people
  const peopleRng = stream('people');
  const inServiceNames = peopleRng.shuffle(IN_SERVICE_NAMES);
  const retiredNames = peopleRng.shuffle(RETIRED_NAMES);
  const phones = new Set<string>();
  const phone = () => {
    for (;;) {
      let p = peopleRng.pick(PHONE_PREFIXES);
      for (let i = 0; i < 8; i++) p += String(peopleRng.int(0, 9));
      if (!phones.has(p)) {
        phones.add(p);
        return p;
      }
    }
  };
  const randomDate = (y: number) => ymdOf(y, peopleRng.int(1, 12), peopleRng.int(1, 28));

  // Probationary members were accepted at a past 支部党员大会 of their branch.
  const pastGeneralMeetings = (key: BranchKey) =>
    pastSlots.filter((s) => s.branchKey === key && s.type === 'general_meeting');
  const acceptance = new Map<BranchKey, Slot>();
  for (const [key, nth] of [
    ['b2', 1],
    ['b3', 2],
  ] as Array<[BranchKey, number]>) {
    const gms = pastGeneralMeetings(key).filter((s) => s.startsMs > nowMs - 360 * DAY);
    const slot = gms[Math.min(nth, gms.length - 1)];
    if (slot) acceptance.set(key, slot);
  }

  const built: Built[] = [];
  const [adminName, adminGender] = ADMIN_NAME;
  built.push({
    person: {
      key: ORG_ADMIN_KEY,
      name: adminName,
      gender: adminGender,
      phone: phone(),
      politicalStatus: 'full',
      employment: 'in_service',
      joinedPartyOn: randomDate(today.y - peopleRng.int(20, 26)),
      branchKey: null,
      roles: ['org_admin'],
      title: '机关党委 专职副书记（组织管理员）',
      engagement: 0.9,
    },
    spec: null,
    index: 0,
  });

  for (const spec of BRANCH_SPECS) {
    const n = spec.size;
    // Which ordinary members are hard to reach.
    const ordinary = Array.from({ length: n - 3 }, (_, i) => i + 4);
    const lowCount = spec.retired ? 6 : 2;
    const shuffled = peopleRng.shuffle(ordinary);
    const low = new Set(shuffled.slice(0, lowCount));
    const middle = new Set(spec.retired ? shuffled.slice(lowCount, lowCount + 5) : []);
    const probationaryIndex = acceptance.has(spec.key) ? n : -1;

    for (let i = 1; i <= n; i++) {
      const source = spec.retired ? retiredNames : inServiceNames;
      const entry = source.shift();
      if (!entry) throw new Error('demo name pool exhausted');
      const [name, gender] = entry;
      const probationary = i === probationaryIndex;
      let engagement: number;
      if (i === 1) engagement = peopleRng.between(spec.retired ? 0.88 : 0.93, spec.retired ? 0.93 : 0.98);
      else if (i <= 3) engagement = peopleRng.between(spec.retired ? 0.75 : 0.82, spec.retired ? 0.88 : 0.92);
      else if (probationary) engagement = peopleRng.between(0.85, 0.93);
      else if (low.has(i)) engagement = peopleRng.between(spec.retired ? 0.15 : 0.2, spec.retired ? 0.35 : 0.4);
      else if (middle.has(i)) engagement = peopleRng.between(0.4, 0.6);
      else engagement = peopleRng.between(0.6, spec.retired ? 0.85 : 0.95);

      let joinedPartyOn: string;
      if (probationary) {
        const slot = acceptance.get(spec.key) as Slot;
        joinedPartyOn = ymdOf(slot.y, slot.m, slot.d);
      } else if (spec.retired) {
        joinedPartyOn = randomDate(i === 1 ? peopleRng.int(1978, 1985) : peopleRng.int(1972, 1995));
      } else {
        joinedPartyOn = randomDate(today.y - (i === 1 ? peopleRng.int(18, 26) : peopleRng.int(3, 28)));
      }

      const role = i === 1 ? '书记' : i === 2 ? '组织委员' : i === 3 ? '宣传委员' : probationary ? '预备党员' : '党员';
      built.push({
        person: {
          key: `${spec.key}-${pad(i)}`,
          name,
          gender,
          phone: phone(),
          politicalStatus: probationary ? 'probationary' : 'full',
          employment: spec.retired ? 'retired' : 'in_service',
          joinedPartyOn,
          branchKey: spec.key,
          roles: i === 1 ? ['member', 'secretary'] : ['member'],
          title: `${spec.name} ${role}`,
          engagement: round2(engagement),
        },
        spec,
        index: i,
      });
    }
  }
  const people = built.map((b) => b.person);
  const byKey = new Map(people.map((p) => [p.key, p]));
  const personOf = (key: string) => byKey.get(key) as DemoPerson;
  const members = people.filter((p) => p.branchKey !== null);
  const membersOf = (key: BranchKey | null) => members.filter((p) => key === null || p.branchKey === key);
  const secretaryOf = (key: BranchKey) => personOf(`${key}-01`);
  const committeeOf = (key: BranchKey) => [personOf(`${key}-01`), personOf(`${key}-02`), personOf(`${key}-03`)];
  const specOf = (key: BranchKey) => BRANCH_SPECS.find((b) => b.key === key) as BranchSpec;
  const isRetired = (p: DemoPerson) => p.employment === 'retired';
  /** Members take part from the day after they joined (the acceptance meeting itself is before). */
  const joinedBy = (p: DemoPerson, date: string) => p.joinedPartyOn < date;
  /** Who reviews this person's records and gives their awards: the branch secretary, or 机关党委 for the secretary. */
  const actorFor = (p: DemoPerson) =>
    p.roles.includes('secretary') || !p.branchKey ? ORG_ADMIN_KEY : secretaryOf(p.branchKey).key;

  // ---- activities and attendance
  const attRng = stream('attendance');
  const cancelledKey = (() => {
    const candidates = pastSlots.filter(
      (s) => s.branchKey === 'b3' && s.type === 'group_meeting' && s.startsMs > historyStartMs + 90 * DAY,
    );
    return candidates.length ? attRng.pick(candidates).key : null;
  })();

  function invitedFor(slot: Slot): DemoPerson[] {
    const date = ymdOf(slot.y, slot.m, slot.d);
    if (slot.type === 'committee_meeting' && slot.branchKey) return committeeOf(slot.branchKey);
    return membersOf(slot.branchKey).filter((p) => joinedBy(p, date));
  }

  function attendanceFor(slot: Slot, invited: DemoPerson[]): DemoAttendance[] {
    const orgWide = slot.branchKey === null;
    return invited.map((p) => {
      const retired = isRetired(p);
      const runsIt = !orgWide && p.roles.includes('secretary');
      const e = p.engagement;
      const attendP = slot.type === 'committee_meeting' ? 0.97 : retired ? 0.05 + 0.9 * e : 0.1 + 0.88 * e;
      if (runsIt || attRng.chance(attendP)) {
        const late = !runsIt && attRng.chance(retired ? 0.03 : 0.04 + 0.12 * (1 - e));
        let method: DemoAttendance['method'];
        if (runsIt) method = 'code';
        else {
          // Members who rarely open the app are mostly put on the roster by the secretary.
          const rosterShare = (retired ? 0.58 : 0.1) + (e < 0.45 ? 0.3 : 0);
          const r = attRng.float();
          method = r < rosterShare ? 'roster' : attRng.chance(retired ? 0.7 : 0.75) ? 'qr' : 'code';
        }
        const offsetMin = late
          ? attRng.between(11, 35)
          : runsIt
            ? attRng.between(-20, -8)
            : method === 'roster'
              ? attRng.between(-5, 8)
              : attRng.between(-25, 9);
        const at = Math.min(slot.startsMs + Math.round((offsetMin * MINUTE) / 1000) * 1000, slot.endsMs - MINUTE);
        return {
          personKey: p.key,
          status: late ? 'late' : 'present',
          method,
          checkedInAt: iso(at),
          note: method === 'roster' ? (orgWide ? '按纸质签到表补录' : '书记代为登记') : null,
        };
      }
      const leave = attRng.chance(retired ? 0.6 + 0.3 * e : 0.45 + 0.5 * e);
      return {
        personKey: p.key,
        status: leave ? 'leave' : 'absent',
        method: null,
        checkedInAt: null,
        note: leave ? attRng.pick(retired ? LEAVE_REASONS_RETIRED : LEAVE_REASONS_IN_SERVICE) : null,
      };
    });
  }

  /**
   * A 支部党员大会 votes only with more than half of the members with a vote present
   * (支部工作条例 第十一条), so a secretary makes sure of it: the most engaged of those
   * missing came after all and were put on the roster.
   */
  function ensureQuorum(slot: Slot, rows: DemoAttendance[]) {
    const voting = rows.filter((r) => personOf(r.personKey).politicalStatus === 'full');
    const came = () => voting.filter((r) => r.status === 'present' || r.status === 'late').length;
    const missing = voting
      .filter((r) => r.status === 'leave' || r.status === 'absent')
      .sort((a, b) => personOf(b.personKey).engagement - personOf(a.personKey).engagement);
    for (const r of missing) {
      if (came() * 2 > voting.length) break;
      r.status = 'present';
      r.method = 'roster';
      r.checkedInAt = iso(slot.startsMs + attRng.int(-5 * 60, 5 * 60) * 1000);
      r.note = '书记代为登记';
    }
  }

  function countsSentence(rows: DemoAttendance[]): string {
    const came = rows.filter((r) => r.status === 'present' || r.status === 'late').length;
    const late = rows.filter((r) => r.status === 'late').length;
    const leave = rows.filter((r) => r.status === 'leave').length;
    const absent = rows.filter((r) => r.status === 'absent').length;
    return (
      `应到${rows.length}人，实到${came}人` +
      (late ? `（其中迟到${late}人）` : '') +
      (leave ? `，请假${leave}人` : '') +
      (absent ? `，缺席${absent}人` : '') +
      '。'
    );
  }

  function describe(slot: Slot): { title: string; topic: string; record: (rows: DemoAttendance[]) => string } {
    const { m, y } = slot;
    if (slot.branchKey === null) {
      if (slot.type === 'volunteer')
        return {
          title: '机关党委“学雷锋”志愿服务活动',
          topic: '各支部党员在人民广场及周边街区开展文明劝导、环境清洁和便民服务',
          record: (rows) =>
            `机关党委统一组织，各支部分片开展文明劝导、环境清洁和便民服务。${countsSentence(rows)}` +
            '活动结束后各支部对服务点位进行了交接，参加人员可据实登记志愿服务时长。',
        };
      return {
        title: `机关党委庆祝建党${y - 1921}周年专题党课`,
        topic: '机关党委书记以“传承红色基因、践行初心使命”为题为全体党员讲授专题党课',
        record: (rows) =>
          `机关党委书记为全体党员讲授专题党课，回顾党的光辉历程，对机关党员立足岗位发挥作用提出要求。${countsSentence(rows)}` +
          '请假党员由所在支部组织补学。',
      };
    }
    const key = slot.branchKey;
    const spec = specOf(key);
    const [sec, c2, c3] = committeeOf(key) as [DemoPerson, DemoPerson, DemoPerson];
    const accepted = [...acceptance.entries()].find(([k, s]) => k === key && s.key === slot.key);
    const newMember = accepted
      ? people.find((p) => p.branchKey === key && p.politicalStatus === 'probationary')
      : undefined;
    switch (slot.type) {
      case 'theme_day': {
        const c = themeDayContent(m, y, spec.retired);
        return {
          title: `${m}月主题党日：${c.title}`,
          topic: c.topic,
          record: (rows) =>
            `${sec.name}同志主持。${c.done}。${countsSentence(rows)}请假党员由${c3.name}同志负责传达学习内容。`,
        };
      }
      case 'committee_meeting': {
        const next = acceptanceNextMonth(key, y, m);
        const topic = next
          ? `研究${next.name}同志入党材料，提请支部党员大会讨论接收预备党员`
          : (COMMITTEE_TOPICS[m] ?? '');
        return {
          title: `${m}月支部委员会会议`,
          topic,
          record: () =>
            `${sec.name}同志主持，${c2.name}、${c3.name}同志参加。会议${topic}。` +
            '会议形成一致意见，明确由组织委员、宣传委员分工落实。',
        };
      }
      case 'group_meeting': {
        const topic = GROUP_TOPICS[m] ?? '';
        return {
          title: `${m}月党小组会`,
          topic,
          record: (rows) => `党小组组长主持，围绕“${topic}”组织学习讨论，党员逐一发言。${countsSentence(rows)}`,
        };
      }
      case 'general_meeting': {
        const q = Math.ceil(m / 3);
        const base = GENERAL_MEETING_TOPICS[m] ?? '';
        const topic = newMember ? `${base}；讨论接收${newMember.name}同志为预备党员` : base;
        return {
          title: `${y}年第${q}季度支部党员大会`,
          topic,
          record: (rows) =>
            `${sec.name}同志主持，会议${base}。${countsSentence(rows)}` +
            (newMember
              ? `经充分讨论，到会有表决权的党员举手表决，同意接收${newMember.name}同志为预备党员，报机关党委审批。`
              : '与会党员对支部工作提出了意见建议。'),
        };
      }
      case 'party_lecture': {
        const l = LECTURES[m] as LectureContent;
        const lecturer = [sec, c2, c3][l.lecturer] as DemoPerson;
        return {
          title: l.title,
          topic: l.topic,
          record: (rows) =>
            `${lecturer.name}同志讲授党课，${l.topic}。${countsSentence(rows)}课后党员围绕党课内容进行了交流。`,
        };
      }
      default:
        return { title: '其他活动', topic: '', record: () => '' };
    }
  }

  /** The probationary member whose acceptance meeting is next month, for the 支委会 that prepares it. */
  function acceptanceNextMonth(key: BranchKey, y: number, m: number): DemoPerson | undefined {
    const slot = acceptance.get(key);
    if (!slot) return undefined;
    const next = addMonths(y, m, 1);
    if (slot.y !== next.y || slot.m !== next.m) return undefined;
    return people.find((p) => p.branchKey === key && p.politicalStatus === 'probationary');
  }

  const activities: DemoActivity[] = [];
  for (const slot of pastSlots) {
    const d = describe(slot);
    if (slot.key === cancelledKey) {
      activities.push({
        key: slot.key,
        branchKey: slot.branchKey,
        type: slot.type,
        title: d.title,
        topic: d.topic,
        place: slot.place,
        startsAt: iso(slot.startsMs),
        endsAt: iso(slot.endsMs),
        status: 'cancelled',
        attendance: [],
        record: null,
      });
      continue;
    }
    const attendance = attendanceFor(slot, invitedFor(slot));
    if (slot.type === 'general_meeting') ensureQuorum(slot, attendance);
    activities.push({
      key: slot.key,
      branchKey: slot.branchKey,
      type: slot.type,
      title: d.title,
      topic: d.topic,
      place: slot.place,
      startsAt: iso(slot.startsMs),
      endsAt: iso(slot.endsMs),
      status: 'closed',
      attendance,
      record: d.record(attendance),
    });
  }

  // Upcoming: up to two planned meetings within two weeks (never a 支委会, whose audience
  // the roster cannot express before it closes), and an outing of type 其他.
  const upcoming: Slot[] = [];
  const order: ActivityType[] = ['theme_day', 'party_lecture', 'general_meeting', 'group_meeting', 'volunteer'];
  for (const type of order) {
    for (const s of futureSlots) {
      if (upcoming.length >= 2) break;
      if (s.type !== type) continue;
      if (upcoming.some((u) => u.branchKey === s.branchKey)) continue;
      upcoming.push(s);
    }
  }
  const horizonDays = Array.from({ length: 13 }, (_, k) => local(nowMs + (k + 2) * DAY)).filter((t) =>
    isWorkday(t.y, t.m, t.d),
  );
  const outingBranch: BranchKey =
    (['b2', 'b1', 'b3'] as BranchKey[]).find((b) => !upcoming.some((u) => u.branchKey === b)) ?? 'b2';
  const outingDay = horizonDays.find((t) => !takenBy(outingBranch).has(ymdOf(t.y, t.m, t.d)));
  if (outingDay) {
    takenBy(outingBranch).add(ymdOf(outingDay.y, outingDay.m, outingDay.d));
    upcoming.push({
      key: `${outingBranch}-other-${outingDay.y}${pad(outingDay.m)}${pad(outingDay.d)}`,
      branchKey: outingBranch,
      type: 'other',
      y: outingDay.y,
      m: outingDay.m,
      d: outingDay.d,
      startsMs: cstMs(outingDay.y, outingDay.m, outingDay.d, 14, 30),
      endsMs: cstMs(outingDay.y, outingDay.m, outingDay.d, 16, 30),
      place: '示例市廉政教育基地',
    });
  }
  if (upcoming.length < 2) {
    const day = horizonDays.find((t) => allBranchKeys.every((b) => !takenBy(b).has(ymdOf(t.y, t.m, t.d))));
    if (day)
      upcoming.push({
        key: `org-party_lecture-${day.y}${pad(day.m)}${pad(day.d)}`,
        branchKey: null,
        type: 'party_lecture',
        y: day.y,
        m: day.m,
        d: day.d,
        startsMs: cstMs(day.y, day.m, day.d, 9, 0),
        endsMs: cstMs(day.y, day.m, day.d, 11, 0),
        place: '机关大楼一楼报告厅',
      });
  }
  for (const slot of upcoming) {
    let title: string;
    let topic: string;
    if (slot.type === 'other') {
      title = '参观示例市廉政教育基地';
      topic = '参观廉政教育基地警示教育展区，开展廉洁从政教育，会后交流心得';
    } else if (slot.type === 'party_lecture' && slot.branchKey === null && !futureSlots.includes(slot)) {
      title = '机关党委专题党课：学习《中国共产党章程》';
      topic = '机关党委书记为全体党员讲解党章规定的党员义务和权利';
    } else {
      const d = describe(slot);
      title = d.title;
      topic = d.topic;
    }
    activities.push({
      key: slot.key,
      branchKey: slot.branchKey,
      type: slot.type,
      title,
      topic,
      place: slot.place,
      startsAt: iso(slot.startsMs),
      endsAt: iso(slot.endsMs),
      status: 'scheduled',
      attendance: [],
      record: null,
    });
  }
  activities.sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt) || a.key.localeCompare(b.key));

  // ---- quizzes
  const quizRng = stream('quizzes');
  const questions = QUESTION_BANK.map((q) => ({
    ...q,
    options: [...q.options],
    answer: [...q.answer],
    tags: [...q.tags],
  }));
  const indexesWithTag = (tag: string) => questions.flatMap((q, i) => (q.tags.includes(tag) ? [i] : []));
  function draw(primary: Array<[string, number]>): number[] {
    const chosen: number[] = [];
    for (const [tag, count] of primary) {
      const pool = quizRng.shuffle(indexesWithTag(tag).filter((i) => !chosen.includes(i)));
      chosen.push(...pool.slice(0, count));
    }
    const rest = quizRng.shuffle(questions.map((_, i) => i).filter((i) => !chosen.includes(i)));
    chosen.push(...rest.slice(0, 10 - chosen.length));
    return chosen.slice(0, 10);
  }

  interface QuizPlan {
    key: string;
    title: string;
    opensMs: number;
    closesMs: number;
    limit: number;
    draw: Array<[string, number]>;
  }
  const plans: QuizPlan[] = [];
  const planAt = (y: number, m: number, from: number, to: number) => {
    const days: number[] = [];
    for (let d = from; d <= Math.min(to, daysInMonth(y, m)); d++) if (isWorkday(y, m, d)) days.push(d);
    return days.length ? quizRng.pick(days) : from;
  };
  for (const { y, m } of months.slice(0, 12)) {
    const spec: { title: string; draw: Array<[string, number]>; limit: number } | null =
      m === 1
        ? { title: `${y}年党章知识测试`, draw: [['党章', 8]], limit: 20 }
        : m === 4
          ? { title: '《中国共产党支部工作条例（试行）》学习测试', draw: [['支部工作', 8]], limit: 20 }
          : m === 6
            ? {
                title: `庆祝建党${y - 1921}周年党史知识测试`,
                draw: [
                  ['党史', 6],
                  ['党章', 4],
                ],
                limit: 30,
              }
            : m === 9
              ? { title: '党的纪律规矩专题测试', draw: [['纪律', 5]], limit: 30 }
              : null;
    if (!spec) continue;
    const d = planAt(y, m, m === 6 ? 18 : 10, m === 6 ? 24 : 16);
    const opensMs = cstMs(y, m, d, 9, 0);
    if (opensMs > nowMs) continue;
    plans.push({
      key: `quiz-${y}${pad(m)}`,
      title: spec.title,
      opensMs,
      closesMs: cstMs(y, m, d, 18, 0) + 9 * DAY,
      limit: spec.limit,
      draw: spec.draw,
    });
  }
  {
    const o = local(nowMs - 4 * DAY);
    const opensMs = cstMs(o.y, o.m, o.d, 9, 0);
    const c = local(nowMs + 10 * DAY);
    plans.push({
      key: `quiz-${o.y}${pad(o.m)}-current`,
      title: `${today.y}年${today.m}月党章党规综合测试`,
      opensMs,
      closesMs: cstMs(c.y, c.m, c.d, 18, 0),
      limit: 20,
      draw: [
        ['党章', 4],
        ['支部工作', 3],
        ['纪律', 1],
        ['党史', 2],
      ],
    });
  }

  const quizzes: DemoQuiz[] = plans.map((plan) => {
    const questionIndexes = draw(plan.draw);
    const endMs = Math.min(plan.closesMs, nowMs) - 40 * MINUTE;
    const openFor = (endMs - plan.opensMs) / DAY;
    const stillOpen = plan.closesMs > nowMs;
    const attempts: DemoQuizAttempt[] = [];
    if (endMs > plan.opensMs) {
      for (const p of membersOf(null)) {
        if (!joinedBy(p, ymd(plan.opensMs))) continue;
        let share = (0.15 + 0.8 * p.engagement) * (isRetired(p) ? 0.6 : 1);
        if (stillOpen) share *= Math.min(1, openFor / 7) * 0.85;
        if (!quizRng.chance(share)) continue;
        let startMs = -1;
        for (let tries = 0; tries < 8 && startMs < 0; tries++) {
          const day = local(plan.opensMs + Math.floor(quizRng.float() * Math.max(1, Math.ceil(openFor))) * DAY);
          const t = cstMs(day.y, day.m, day.d, quizRng.int(8, 21), quizRng.int(0, 59), quizRng.int(0, 59));
          if (t >= plan.opensMs && t <= endMs - plan.limit * MINUTE) startMs = t;
        }
        if (startMs < 0) continue;
        const right: number[] = [];
        for (const qi of questionIndexes) {
          const q = questions[qi] as DemoQuestion;
          if (quizRng.chance(0.4 + 0.5 * p.engagement - 0.07 * (q.difficulty - 1))) right.push(qi);
        }
        const correct = right.length;
        const score = correct * 10;
        const minutes = quizRng.between(Math.min(6 + correct * 0.4, plan.limit - 2), plan.limit - 1);
        const submittedMs = startMs + Math.round(minutes * 60) * 1000;
        attempts.push({
          personKey: p.key,
          score,
          correct: right,
          passed: score >= 60,
          startedAt: iso(startMs),
          submittedAt: iso(submittedMs),
        });
      }
    }
    attempts.sort(
      (a, b) => Date.parse(a.submittedAt) - Date.parse(b.submittedAt) || a.personKey.localeCompare(b.personKey),
    );
    return {
      key: plan.key,
      title: plan.title,
      branchKey: null,
      kind: 'exam',
      questionIndexes,
      timeLimitMinutes: plan.limit,
      passMark: 60,
      opensAt: iso(plan.opensMs),
      closesAt: iso(plan.closesMs),
      attempts,
    };
  });

  // ---- volunteer service
  const volRng = stream('volunteer');
  const volunteerRecords: DemoVolunteerRecord[] = [];
  const yesterday = local(nowMs - DAY);
  const lastServiceYmd = ymdOf(yesterday.y, yesterday.m, yesterday.d);
  const orgVolunteer = activities.find((a) => a.branchKey === null && a.type === 'volunteer' && a.status === 'closed');

  function submitRecord(
    p: DemoPerson,
    y: number,
    m: number,
    d: number,
    kind: ServiceKind,
    hours: number,
    place: string,
    description: string,
  ) {
    const submittedMs = Math.min(
      cstMs(y, m, d, volRng.int(18, 21), volRng.int(0, 59), volRng.int(0, 59)) + volRng.int(0, 2) * DAY,
      nowMs - volRng.int(10, 120) * MINUTE,
    );
    const lagMs = volRng.between(0.3, 5) * DAY;
    let decided = local(submittedMs + lagMs);
    // Secretaries review in office hours on workdays.
    let decidedMs = cstMs(decided.y, decided.m, decided.d, volRng.int(9, 17), volRng.int(0, 59), volRng.int(0, 59));
    for (let k = 0; k < 7 && !isWorkday(decided.y, decided.m, decided.d); k++) {
      decidedMs += DAY;
      decided = local(decidedMs);
    }
    if (decidedMs <= submittedMs) decidedMs = submittedMs + 2 * HOUR;
    const pending = decidedMs > nowMs;
    volunteerRecords.push({
      personKey: p.key,
      date: ymdOf(y, m, d),
      hours,
      category: kind.category,
      place,
      description,
      status: pending ? 'pending' : 'approved',
      reviewerKey: pending ? null : actorFor(p),
      decidedAt: pending ? null : iso(decidedMs),
      rejectReason: null,
      submittedAt: iso(submittedMs),
    });
  }

  for (const p of membersOf(null)) {
    const retired = isRetired(p);
    for (const { y, m } of months) {
      const usedDays = new Set<number>();
      let count = 0;
      if (
        orgVolunteer &&
        orgVolunteer.startsAt.startsWith(`${y}-${pad(m)}`) &&
        orgVolunteer.startsAt.slice(0, 10) < todayYmd
      ) {
        const row = orgVolunteer.attendance.find((r) => r.personKey === p.key);
        if (row && (row.status === 'present' || row.status === 'late') && volRng.chance(0.7)) {
          const t = local(Date.parse(orgVolunteer.startsAt));
          const kind = SERVICE_KINDS.find((k) => k.category === '文明创建') as ServiceKind;
          submitRecord(
            p,
            t.y,
            t.m,
            t.d,
            kind,
            2.5,
            orgVolunteer.place,
            '参加机关党委“学雷锋”志愿服务活动，在街区开展文明劝导和环境清洁',
          );
          usedDays.add(t.d);
          count++;
        }
      }
      const factor = retired ? 0.8 : 1;
      let n = volRng.chance((0.1 + 0.5 * p.engagement) * factor) ? 1 : 0;
      if (n === 1 && volRng.chance(0.25 * p.engagement)) n = 2;
      for (let k = count; k < n; k++) {
        const days: number[] = [];
        for (let d = 1; d <= daysInMonth(y, m); d++) {
          const date = ymdOf(y, m, d);
          if (date > lastServiceYmd || date <= p.joinedPartyOn || usedDays.has(d)) continue;
          const w = weekday(y, m, d);
          // Mostly weekends for people in service; any day for the retired.
          if (!retired && w !== 0 && w !== 6 && !volRng.chance(0.25)) continue;
          days.push(d);
        }
        if (!days.length) break;
        const d = volRng.pick(days);
        usedDays.add(d);
        const category = weightedPick(volRng, retired ? RETIRED_KIND_WEIGHTS : IN_SERVICE_KIND_WEIGHTS, (c) => {
          const kind = SERVICE_KINDS.find((s) => s.category === c) as ServiceKind;
          return !kind.months || kind.months.includes(m);
        });
        const kind = SERVICE_KINDS.find((s) => s.category === category) as ServiceKind;
        const [place, description] = volRng.pick(kind.items);
        submitRecord(p, y, m, d, kind, volRng.pick(kind.hours), place, description);
      }
    }
  }
  volunteerRecords.sort(
    (a, b) => Date.parse(a.submittedAt) - Date.parse(b.submittedAt) || a.personKey.localeCompare(b.personKey),
  );

  // A couple of rejections, one corrected and resubmitted.
  {
    const candidates = volunteerRecords.filter(
      (r) =>
        r.status === 'approved' &&
        personOf(r.personKey).employment === 'in_service' &&
        r.hours >= 2 &&
        Date.parse(r.submittedAt) < nowMs - 30 * DAY,
    );
    const picked = volRng.shuffle(candidates).slice(0, 2);
    picked.forEach((r, i) => {
      r.status = 'rejected';
      r.rejectReason = REJECT_REASONS[i % REJECT_REASONS.length] as string;
      if (i === 0) {
        const decidedMs = Date.parse(r.decidedAt as string);
        const resubmitMs = decidedMs + volRng.between(0.2, 1.5) * DAY;
        const approveMs = resubmitMs + volRng.between(0.5, 2) * DAY;
        if (approveMs < nowMs)
          volunteerRecords.push({
            ...r,
            hours: r.hours - 0.5,
            status: 'approved',
            rejectReason: null,
            submittedAt: iso(resubmitMs),
            decidedAt: iso(approveMs),
          });
      }
    });
    if (!volunteerRecords.some((r) => r.status === 'pending')) {
      const latest = volunteerRecords[volunteerRecords.length - 1];
      if (latest) {
        latest.status = 'pending';
        latest.reviewerKey = null;
        latest.decidedAt = null;
      }
    }
  }
  volunteerRecords.sort(
    (a, b) => Date.parse(a.submittedAt) - Date.parse(b.submittedAt) || a.personKey.localeCompare(b.personKey),
  );

  // ---- awards and deductions
  const awardRng = stream('awards');
  const awards: DemoAward[] = [];
  const yearlyAward = new Map<string, number>();
  const awardCount = new Map<string, number>();
  function give(p: DemoPerson, delta: number, reason: string, atMs: number): boolean {
    if (atMs > nowMs || atMs < historyStartMs) return false;
    const yearKey = `${p.key}:${local(atMs).y}`;
    if (delta > 0) {
      if ((yearlyAward.get(yearKey) ?? 0) + delta > 10 || (awardCount.get(p.key) ?? 0) >= 2) return false;
      yearlyAward.set(yearKey, (yearlyAward.get(yearKey) ?? 0) + delta);
      awardCount.set(p.key, (awardCount.get(p.key) ?? 0) + 1);
    }
    awards.push({ personKey: p.key, actorKey: actorFor(p), delta, reason, at: iso(atMs) });
    return true;
  }
  /** A workday in the given calendar month of the history window, before today. */
  function awardDay(month: number, from: number, to: number): number | null {
    const ym = months.slice(0, 12).find((x) => x.m === month);
    if (!ym) return null;
    const days: number[] = [];
    for (let d = from; d <= Math.min(to, daysInMonth(ym.y, ym.m)); d++)
      if (isWorkday(ym.y, ym.m, d) && ymdOf(ym.y, ym.m, d) < todayYmd) days.push(d);
    if (!days.length) return null;
    const d = awardRng.pick(days);
    return cstMs(ym.y, ym.m, d, awardRng.int(9, 17), awardRng.int(0, 59));
  }
  const byEngagement = (list: DemoPerson[]) =>
    [...list].sort((a, b) => b.engagement - a.engagement || a.key.localeCompare(b.key));
  const mostEngaged = (list: DemoPerson[], k: number) => byEngagement(list).slice(0, k);

  for (const spec of BRANCH_SPECS) {
    const branchMembers = membersOf(spec.key).filter((p) => p.politicalStatus === 'full');
    const top = mostEngaged(branchMembers, 6);
    const pickTop = () => awardRng.pick(top);
    const engaged = branchMembers.filter((p) => p.engagement >= 0.6);
    // 七一 表彰: one 优秀共产党员 per branch.
    const excellent = awardDay(6, 26, 30);
    if (excellent !== null) give(pickTop(), 5, '获评机关党委“优秀共产党员”', excellent);
    if (!spec.retired) {
      const pioneer = awardDay(7, 6, 20);
      if (pioneer !== null) give(pickTop(), 3, '所在岗位获评机关“党员先锋岗”，本人作为岗位负责人表现突出', pioneer);
      const civic = awardDay(11, 3, 20);
      if (civic !== null) give(pickTop(), 2, '在全市文明城市创建迎检工作中表现突出', civic);
      const essay = awardDay(awardRng.pick([3, 5, 9]), 10, 25);
      if (essay !== null) give(awardRng.pick(engaged), 1, '撰写的学习心得在机关党委学习专栏刊发', essay);
    } else {
      const story = awardDay(awardRng.pick([4, 5]), 8, 25);
      if (story !== null) give(pickTop(), 2, '为社区青少年讲述革命传统故事，反响良好', story);
      const patrol = awardDay(awardRng.pick([8, 9]), 5, 25);
      if (patrol !== null) give(awardRng.pick(engaged), 2, '长期坚持参加社区平安巡防志愿服务', patrol);
      const review = awardDay(1, 8, 20);
      if (review !== null) give(pickTop(), 2, '在年度民主评议党员中被评为优秀', review);
    }
  }
  // Flood relief: people whose approved 应急救灾 service a secretary saw.
  {
    const flood = volunteerRecords.filter((r) => r.category === '应急救灾' && r.status === 'approved');
    const seen = new Set<string>();
    for (const r of awardRng.shuffle(flood)) {
      if (seen.size >= 2 || seen.has(r.personKey)) continue;
      const at = Date.parse(r.decidedAt as string) + awardRng.int(2, 6) * DAY;
      if (give(personOf(r.personKey), 3, '在汛期防汛抢险志愿服务中表现突出', at)) seen.add(r.personKey);
    }
  }
  // A very few small deductions, each backed by the roster.
  {
    const absences = new Map<string, { type: ActivityType; at: number }[]>();
    for (const a of activities) {
      if (a.status !== 'closed' || a.branchKey === null) continue;
      for (const r of a.attendance) {
        if (r.status !== 'absent') continue;
        const list = absences.get(r.personKey) ?? [];
        list.push({ type: a.type, at: Date.parse(a.endsAt) });
        absences.set(r.personKey, list);
      }
    }
    const inService = members.filter((p) => !isRetired(p) && !p.roles.includes('secretary'));
    const candidates = [...inService].sort((a, b) => a.engagement - b.engagement || a.key.localeCompare(b.key));
    let given = 0;
    for (const p of candidates) {
      if (given >= 2) break;
      const list = absences.get(p.key) ?? [];
      const gm = list.filter((x) => x.type === 'general_meeting');
      const td = list.filter((x) => x.type === 'theme_day');
      const rule =
        gm.length >= 2
          ? { delta: -2, reason: '无故缺席支部党员大会两次', after: (gm[1] as { at: number }).at }
          : td.length >= 2
            ? { delta: -1, reason: '无故缺席主题党日两次，经提醒仍未说明原因', after: (td[1] as { at: number }).at }
            : null;
      if (!rule) continue;
      const t = local(rule.after + awardRng.int(3, 8) * DAY);
      const at = cstMs(t.y, t.m, t.d, awardRng.int(9, 17), awardRng.int(0, 59));
      if (give(p, rule.delta, rule.reason, at)) given++;
    }
  }
  awards.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.personKey.localeCompare(b.personKey));

  return {
    orgName: ORG_NAME,
    branches: BRANCH_SPECS.map((b) => ({ key: b.key, name: b.name })),
    people,
    activities,
    questions,
    quizzes,
    volunteerRecords,
    awards,
  };
}
