// The demo organisation's question bank. Every question is checkable against the text its
// explanation cites: 《中国共产党章程》(2022年10月22日党的二十大部分修改), 《中国共产党支部工作条例
// （试行）》(2018), 《中国共产党纪律处分条例》(2023年修订), 《关于新形势下党内政治生活的若干准则》
// (2016) and well-established party history.
import type { DemoQuestion } from './demo-data.js';

const SRC_CONSTITUTION = '《中国共产党章程》';
const SRC_BRANCH = '《中国共产党支部工作条例（试行）》';
const SRC_DISCIPLINE = '《中国共产党纪律处分条例》';
const SRC_HISTORY = '党史';

const JUDGE = ['正确', '错误'];

/** The first 31 questions, kept from the foundation. */
export const DEMO_QUESTIONS: readonly DemoQuestion[] = [
  // 《中国共产党章程》(中国共产党第二十次全国代表大会部分修改，2022年10月22日通过)
  {
    kind: 'single',
    stem: '年满（ ）岁的中国工人、农民、军人、知识分子和其他社会阶层的先进分子，承认党的纲领和章程，愿意参加党的一个组织并在其中积极工作、执行党的决议和按期交纳党费的，可以申请加入中国共产党。',
    options: ['十六', '十七', '十八', '二十'],
    answer: [2],
    explanation:
      '《中国共产党章程》第一条：年满十八岁的中国工人、农民、军人、知识分子和其他社会阶层的先进分子，承认党的纲领和章程，愿意参加党的一个组织并在其中积极工作、执行党的决议和按期交纳党费的，可以申请加入中国共产党。',
    tags: ['党章', '党员'],
    difficulty: 1,
    source: SRC_CONSTITUTION,
  },
  {
    kind: 'single',
    stem: '申请入党的人，要有几名正式党员作介绍人？',
    options: ['一名', '两名', '三名', '不需要介绍人'],
    answer: [1],
    explanation:
      '《中国共产党章程》第五条：申请入党的人，要填写入党志愿书，要有两名正式党员作介绍人，要经过支部大会通过和上级党组织批准，并且经过预备期的考察，才能成为正式党员。',
    tags: ['党章', '发展党员'],
    difficulty: 1,
    source: SRC_CONSTITUTION,
  },
  {
    kind: 'judge',
    stem: '预备党员的预备期为一年。',
    options: JUDGE,
    answer: [0],
    explanation: '《中国共产党章程》第七条：预备党员的预备期为一年。',
    tags: ['党章', '发展党员'],
    difficulty: 1,
    source: SRC_CONSTITUTION,
  },
  {
    kind: 'single',
    stem: '预备党员的预备期从什么时候算起？',
    options: ['递交入党申请书之日', '支部大会通过他为预备党员之日', '上级党组织批准之日', '面向党旗进行入党宣誓之日'],
    answer: [1],
    explanation: '《中国共产党章程》第七条：预备党员的预备期，从支部大会通过他为预备党员之日算起。',
    tags: ['党章', '发展党员'],
    difficulty: 2,
    source: SRC_CONSTITUTION,
  },
  {
    kind: 'judge',
    stem: '党员的党龄从支部大会通过其为预备党员之日算起。',
    options: JUDGE,
    answer: [1],
    explanation:
      '《中国共产党章程》第七条：党员的党龄，从预备期满转为正式党员之日算起。预备期才是从支部大会通过其为预备党员之日算起。',
    tags: ['党章', '发展党员'],
    difficulty: 2,
    source: SRC_CONSTITUTION,
  },
  {
    kind: 'multiple',
    stem: '预备党员的权利同正式党员相比，没有以下哪些权利？',
    options: ['表决权', '选举权', '被选举权', '对党的工作提出建议和倡议的权利'],
    answer: [0, 1, 2],
    explanation:
      '《中国共产党章程》第七条：预备党员的义务同正式党员一样。预备党员的权利，除了没有表决权、选举权和被选举权以外，也同正式党员一样。',
    tags: ['党章', '发展党员'],
    difficulty: 2,
    source: SRC_CONSTITUTION,
  },
  {
    kind: 'single',
    stem: '党员如果没有正当理由，连续（ ）不参加党的组织生活，或不交纳党费，或不做党所分配的工作，就被认为是自行脱党。',
    options: ['三个月', '六个月', '九个月', '十二个月'],
    answer: [1],
    explanation:
      '《中国共产党章程》第九条：党员如果没有正当理由，连续六个月不参加党的组织生活，或不交纳党费，或不做党所分配的工作，就被认为是自行脱党。',
    tags: ['党章', '组织生活'],
    difficulty: 2,
    source: SRC_CONSTITUTION,
  },
  {
    kind: 'single',
    stem: '党的最高领导机关是（ ）。',
    options: ['党的全国代表大会和它所产生的中央委员会', '中央政治局', '中央政治局常务委员会', '中央书记处'],
    answer: [0],
    explanation: '《中国共产党章程》第十条第三项：党的最高领导机关，是党的全国代表大会和它所产生的中央委员会。',
    tags: ['党章', '组织制度'],
    difficulty: 1,
    source: SRC_CONSTITUTION,
  },
  {
    kind: 'multiple',
    stem: '按照党的民主集中制的基本原则，下列属于“四个服从”的有（ ）。',
    options: [
      '党员个人服从党的组织',
      '少数服从多数',
      '下级组织服从上级组织',
      '全党各个组织和全体党员服从党的全国代表大会和中央委员会',
      '上级组织服从下级组织的多数意见',
    ],
    answer: [0, 1, 2, 3],
    explanation:
      '《中国共产党章程》第十条第一项：党员个人服从党的组织，少数服从多数，下级组织服从上级组织，全党各个组织和全体党员服从党的全国代表大会和中央委员会。',
    tags: ['党章', '组织制度'],
    difficulty: 2,
    source: SRC_CONSTITUTION,
  },
  {
    kind: 'single',
    stem: '党的全国代表大会每几年举行一次？',
    options: ['三年', '四年', '五年', '十年'],
    answer: [2],
    explanation: '《中国共产党章程》第十九条：党的全国代表大会每五年举行一次，由中央委员会召集。',
    tags: ['党章', '组织制度'],
    difficulty: 1,
    source: SRC_CONSTITUTION,
  },
  {
    kind: 'single',
    stem: '机关、学校、企业等基层单位，凡是有正式党员（ ）以上的，都应当成立党的基层组织。',
    options: ['两人', '三人', '五人', '七人'],
    answer: [1],
    explanation:
      '《中国共产党章程》第三十条：企业、农村、机关、学校、医院、科研院所、街道社区、社会组织、人民解放军连队和其他基层单位，凡是有正式党员三人以上的，都应当成立党的基层组织。',
    tags: ['党章', '基层组织'],
    difficulty: 1,
    source: SRC_CONSTITUTION,
  },
  {
    kind: 'single',
    stem: '党章规定，留党察看最长不超过（ ）。',
    options: ['半年', '一年', '一年半', '两年'],
    answer: [3],
    explanation:
      '《中国共产党章程》第四十一条：留党察看最长不超过两年。党员在留党察看期间没有表决权、选举权和被选举权。',
    tags: ['党章', '纪律'],
    difficulty: 2,
    source: SRC_CONSTITUTION,
  },
  {
    kind: 'judge',
    stem: '党员在留党察看期间仍然享有表决权、选举权和被选举权。',
    options: JUDGE,
    answer: [1],
    explanation: '《中国共产党章程》第四十一条：党员在留党察看期间没有表决权、选举权和被选举权。',
    tags: ['党章', '纪律'],
    difficulty: 2,
    source: SRC_CONSTITUTION,
  },

  // 《中国共产党支部工作条例（试行）》(2018年)
  {
    kind: 'single',
    stem: '党支部党员大会是党支部的议事决策机构，由全体党员参加，一般多长时间召开1次？',
    options: ['每月', '每季度', '每半年', '每年'],
    answer: [1],
    explanation:
      '《中国共产党支部工作条例（试行）》第十一条：党支部党员大会是党支部的议事决策机构，由全体党员参加，一般每季度召开1次。',
    tags: ['支部工作', '三会一课'],
    difficulty: 1,
    source: SRC_BRANCH,
  },
  {
    kind: 'judge',
    stem: '党支部党员大会进行表决，必须有半数以上有表决权的党员到会方可进行，赞成人数超过应到会有表决权的党员的半数为通过。',
    options: JUDGE,
    answer: [0],
    explanation:
      '《中国共产党支部工作条例（试行）》第十一条：党支部党员大会议题提交表决前，应当经过充分讨论。表决必须有半数以上有表决权的党员到会方可进行，赞成人数超过应到会有表决权的党员的半数为通过。',
    tags: ['支部工作', '三会一课'],
    difficulty: 2,
    source: SRC_BRANCH,
  },
  {
    kind: 'multiple',
    stem: '下列属于党支部党员大会职权的有（ ）。',
    options: [
      '听取和审查党支部委员会的工作报告',
      '讨论和表决接收预备党员和预备党员转正',
      '讨论决定对党员的表彰表扬、组织处置和纪律处分',
      '决定本单位行政领导干部的任免',
    ],
    answer: [0, 1, 2],
    explanation:
      '《中国共产党支部工作条例（试行）》第十一条列明党支部党员大会的职权，包括听取和审查党支部委员会的工作报告，讨论和表决接收预备党员和预备党员转正、延长预备期或者取消预备党员资格，讨论决定对党员的表彰表扬、组织处置和纪律处分等；任免行政领导干部不在其列。',
    tags: ['支部工作', '三会一课'],
    difficulty: 2,
    source: SRC_BRANCH,
  },
  {
    kind: 'single',
    stem: '党支部委员会会议一般多长时间召开1次？',
    options: ['每周', '每月', '每季度', '每半年'],
    answer: [1],
    explanation:
      '《中国共产党支部工作条例（试行）》第十二条：党支部委员会会议一般每月召开1次，根据需要可以随时召开；党支部委员会会议须有半数以上委员到会方可进行。',
    tags: ['支部工作', '三会一课'],
    difficulty: 1,
    source: SRC_BRANCH,
  },
  {
    kind: 'single',
    stem: '党小组会一般多长时间召开1次？',
    options: ['每月', '每季度', '每半年', '每年'],
    answer: [0],
    explanation:
      '《中国共产党支部工作条例（试行）》第十三条：党小组会一般每月召开1次，组织党员参加政治学习、谈心谈话、开展批评和自我批评等。',
    tags: ['支部工作', '三会一课'],
    difficulty: 1,
    source: SRC_BRANCH,
  },
  {
    kind: 'judge',
    stem: '党小组会由党支部书记召集并主持。',
    options: JUDGE,
    answer: [1],
    explanation:
      '《中国共产党支部工作条例（试行）》第十四条：党支部党员大会、党支部委员会会议由党支部书记召集并主持……党小组会由党小组组长召集并主持。',
    tags: ['支部工作', '三会一课'],
    difficulty: 2,
    source: SRC_BRANCH,
  },
  {
    kind: 'single',
    stem: '党支部每月相对固定（ ）开展主题党日，组织党员集中学习、过组织生活、进行民主议事和志愿服务等。',
    options: ['1天', '2天', '半天', '1周'],
    answer: [0],
    explanation:
      '《中国共产党支部工作条例（试行）》第十六条：党支部每月相对固定1天开展主题党日，组织党员集中学习、过组织生活、进行民主议事和志愿服务等。',
    tags: ['支部工作', '组织生活'],
    difficulty: 1,
    source: SRC_BRANCH,
  },
  {
    kind: 'single',
    stem: '党支部每年至少召开几次组织生活会？',
    options: ['1次', '2次', '3次', '4次'],
    answer: [0],
    explanation:
      '《中国共产党支部工作条例（试行）》第十七条：党支部每年至少召开1次组织生活会，一般安排在第四季度，也可以根据工作需要随时召开。',
    tags: ['支部工作', '组织生活'],
    difficulty: 1,
    source: SRC_BRANCH,
  },

  // 《中国共产党纪律处分条例》(2023年12月19日中共中央发布，自2024年1月1日起施行)
  {
    kind: 'multiple',
    stem: '对党员的纪律处分种类包括（ ）。',
    options: ['警告', '严重警告', '撤销党内职务', '留党察看', '开除党籍', '降级'],
    answer: [0, 1, 2, 3, 4],
    explanation:
      '《中国共产党纪律处分条例》第八条：对党员的纪律处分种类：（一）警告；（二）严重警告；（三）撤销党内职务；（四）留党察看；（五）开除党籍。',
    tags: ['纪律', '廉政'],
    difficulty: 1,
    source: SRC_DISCIPLINE,
  },
  {
    kind: 'multiple',
    stem: '对于严重违犯党纪、本身又不能纠正的党组织，上一级党的委员会在查明核实后，根据情节严重的程度，可以予以（ ）。',
    options: ['改组', '解散', '合并', '通报表扬'],
    answer: [0, 1],
    explanation:
      '《中国共产党纪律处分条例》第九条：对于违犯党纪的党组织，上级党组织应当责令其作出书面检查或者给予通报批评。对于严重违犯党纪、本身又不能纠正的党组织，上一级党的委员会在查明核实后，根据情节严重的程度，可以予以改组或者解散。',
    tags: ['纪律', '廉政'],
    difficulty: 2,
    source: SRC_DISCIPLINE,
  },
  {
    kind: 'single',
    stem: '党员受到严重警告处分后，（ ）内不得在党内提拔职务或者进一步使用。',
    options: ['半年', '一年', '一年半', '两年'],
    answer: [2],
    explanation:
      '《中国共产党纪律处分条例》第十条：党员受到警告处分一年内、受到严重警告处分一年半内，不得在党内提拔职务或者进一步使用，也不得向党外组织推荐担任高于其原任职务的党外职务或者进一步使用。',
    tags: ['纪律', '廉政'],
    difficulty: 3,
    source: SRC_DISCIPLINE,
  },

  // 党史
  {
    kind: 'single',
    stem: '中国共产党第一次全国代表大会于哪一年召开？',
    options: ['1919年', '1921年', '1927年', '1935年'],
    answer: [1],
    explanation:
      '1921年7月，中国共产党第一次全国代表大会在上海召开，最后一天的会议转移到浙江嘉兴南湖的游船上举行，宣告了中国共产党的成立。',
    tags: ['党史'],
    difficulty: 1,
    source: SRC_HISTORY,
  },
  {
    kind: 'single',
    stem: '确定了土地革命和武装反抗国民党反动派总方针的会议是（ ）。',
    options: ['八七会议', '古田会议', '遵义会议', '洛川会议'],
    answer: [0],
    explanation: '1927年8月7日，中共中央在汉口召开紧急会议（八七会议），确定了土地革命和武装反抗国民党反动派的总方针。',
    tags: ['党史'],
    difficulty: 2,
    source: SRC_HISTORY,
  },
  {
    kind: 'single',
    stem: '1929年12月召开、确立了思想建党和政治建军原则的会议是（ ）。',
    options: ['八七会议', '古田会议', '遵义会议', '瓦窑堡会议'],
    answer: [1],
    explanation: '1929年12月，红四军党的第九次代表大会在福建上杭古田召开（古田会议），确立了思想建党、政治建军的原则。',
    tags: ['党史'],
    difficulty: 2,
    source: SRC_HISTORY,
  },
  {
    kind: 'single',
    stem: '遵义会议召开于（ ）。',
    options: ['1927年8月', '1929年12月', '1935年1月', '1945年4月'],
    answer: [2],
    explanation:
      '1935年1月，中共中央政治局在长征途中于贵州遵义召开扩大会议，即遵义会议。这次会议在党的历史上是一个生死攸关的转折点。',
    tags: ['党史'],
    difficulty: 1,
    source: SRC_HISTORY,
  },
  {
    kind: 'judge',
    stem: '党的第七次全国代表大会确立毛泽东思想为党的指导思想并写入党章。',
    options: JUDGE,
    answer: [0],
    explanation: '1945年4月至6月，党的第七次全国代表大会在延安召开，确立毛泽东思想为党的指导思想并写入党章。',
    tags: ['党史'],
    difficulty: 2,
    source: SRC_HISTORY,
  },
  {
    kind: 'single',
    stem: '1978年12月召开、作出把党和国家工作中心转移到经济建设上来、实行改革开放的历史性决策的会议是（ ）。',
    options: ['党的十一届三中全会', '党的十二大', '党的十三大', '党的十四大'],
    answer: [0],
    explanation:
      '1978年12月召开的党的十一届三中全会，作出把党和国家工作中心转移到经济建设上来、实行改革开放的历史性决策，开启了改革开放和社会主义现代化建设新时期。',
    tags: ['党史'],
    difficulty: 2,
    source: SRC_HISTORY,
  },
];

export const MORE_QUESTIONS: readonly DemoQuestion[] = [];

export const QUESTION_BANK: readonly DemoQuestion[] = [...DEMO_QUESTIONS, ...MORE_QUESTIONS];
