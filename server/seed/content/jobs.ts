/** 招聘岗位 and 培训课程, dated relative to the as-of day. */
import type * as s from '../../db/schema';
import { addDays } from '../dates';

const jobs: readonly [string, string, string, number, number, number, string][] = [
  [
    '仓库管理员',
    '广州恒信物流有限公司',
    '白云区',
    5_000,
    6_500,
    3,
    '高中及以上学历，能熟练使用电脑，吃苦耐劳，有叉车证者优先。',
  ],
  [
    '社区护理员',
    '广州颐康养老服务中心',
    '越秀区',
    4_800,
    6_000,
    5,
    '持养老护理员证书，有爱心和耐心，可接受倒班；年龄55周岁以下。',
  ],
  [
    '数控车床操作工',
    '广州嘉禾精密机械有限公司',
    '黄埔区',
    6_500,
    9_000,
    8,
    '中专及以上学历，持数控车工中级及以上证书，一年以上相关工作经验。',
  ],
  [
    '收银员',
    '广州丽景商贸有限公司',
    '天河区',
    4_200,
    5_200,
    6,
    '初中及以上学历，做事细心，普通话流利，可接受周末排班。',
  ],
  [
    '网约配送员',
    '广州汇通城市配送有限公司',
    '海珠区',
    6_000,
    10_000,
    20,
    '18至50周岁，持有效驾驶证，熟悉广州市区道路，多劳多得。',
  ],
  [
    '会计',
    '广州瑞丰财税咨询有限公司',
    '天河区',
    6_000,
    8_000,
    2,
    '会计相关专业大专及以上学历，持初级会计职称，熟练使用财务软件。',
  ],
  [
    '中式烹调师',
    '广州泰和餐饮管理有限公司',
    '荔湾区',
    5_500,
    7_500,
    4,
    '持中式烹调师证书，擅长粤菜，三年以上酒楼厨房工作经验。',
  ],
  [
    '物业保安员',
    '广州紫荆物业管理有限公司',
    '番禺区',
    4_500,
    5_500,
    10,
    '初中及以上学历，身体健康，持保安员证，退役军人优先。',
  ],
  [
    '电工',
    '广州新宇建筑工程有限公司',
    '白云区',
    6_500,
    8_500,
    3,
    '持低压电工作业证，有楼宇水电维修经验，能适应外出作业。',
  ],
  [
    '客服专员',
    '广州博远软件技术有限公司',
    '天河区',
    5_000,
    6_500,
    6,
    '大专及以上学历，普通话标准，打字速度每分钟60字以上。',
  ],
  ['育婴员', '广州春晓家政服务有限公司', '海珠区', 6_000, 8_000, 5, '持育婴员证书和健康证，有婴幼儿照护经验，可住家。'],
  ['质检员', '广州同创食品有限公司', '黄埔区', 5_200, 6_800, 4, '中专及以上学历，食品或化工类专业优先，能适应两班倒。'],
];

/** 岗位类别 of each seeded title: the category buttons on the jobs screen. */
const jobCategories: Record<string, string> = {
  仓库管理员: '物流运输',
  社区护理员: '养老家政',
  数控车床操作工: '生产制造',
  收银员: '商贸服务',
  网约配送员: '物流运输',
  会计: '办公文员',
  中式烹调师: '餐饮服务',
  物业保安员: '商贸服务',
  电工: '生产制造',
  客服专员: '办公文员',
  育婴员: '养老家政',
  质检员: '生产制造',
};

/** The seeded job postings. */
export function buildJobs(asOf: string): (typeof s.jobPostings.$inferInsert)[] {
  return jobs.map(([title, employerName, district, min, max, headcount, requirements], i) => ({
    title,
    employerName,
    district,
    category: jobCategories[title] ?? '其他',
    location: `广州市${district}`,
    salaryMin: min * 100,
    salaryMax: max * 100,
    headcount,
    requirements,
    contact: `人事部 020-8${String(3_000_000 + i * 104_729).slice(0, 7)}`,
    postedOn: addDays(asOf, -(3 + i * 2)),
    validUntil: addDays(asOf, 30 + i * 3),
  }));
}

const courses: readonly [string, string, string, number, number, number, string][] = [
  [
    '养老护理员（五级）培训',
    '广州市颐康职业培训学校',
    '越秀区东风中路',
    120,
    0,
    40,
    '学习老年人生活照料、基础护理和康复服务，结业参加职业技能等级认定，合格者可申领培训补贴。',
  ],
  [
    '电工（初级）培训',
    '广州市新宇职业技能培训中心',
    '白云区机场路',
    160,
    0,
    30,
    '低压电工基础理论和实操训练，培训合格后参加特种作业操作证考试。',
  ],
  [
    '中式面点师培训',
    '广州市泰和烹饪职业培训学校',
    '荔湾区中山七路',
    100,
    0,
    35,
    '广式点心制作技法，包括虾饺、烧卖、叉烧包等，适合有意从事餐饮行业的人员。',
  ],
  [
    '电子商务运营培训',
    '广州市博远职业培训学校',
    '天河区天河路',
    80,
    0,
    50,
    '网店开设、直播带货、短视频运营和客户服务，适合灵活就业和自主创业人员。',
  ],
  [
    '育婴员（四级）培训',
    '广州市春晓职业培训学校',
    '海珠区江南大道中',
    96,
    0,
    40,
    '婴幼儿生活照料、保健和早期教育，结业参加育婴员职业技能等级认定。',
  ],
  [
    '创业培训（SYB）',
    '广州市创业服务指导中心',
    '天河区体育西路',
    64,
    0,
    30,
    '帮助有创业意愿的人员评估项目、制订创业计划，结业可申请创业担保贷款。',
  ],
  [
    '叉车司机（N1）培训',
    '广州市恒信职业技能培训学校',
    '白云区太和镇',
    48,
    120_000,
    20,
    '场（厂）内机动车辆叉车理论和实操训练，考核合格取得特种设备作业人员证；自费课程，可按规定申请技能提升补贴。',
  ],
];

/** 培训类别 of each seeded course, by the start of its title. */
const courseCategories: readonly [string, string][] = [
  ['养老护理员', '养老家政'],
  ['育婴员', '养老家政'],
  ['电工', '技工技能'],
  ['叉车司机', '技工技能'],
  ['中式面点师', '餐饮烹饪'],
  ['电子商务', '电商创业'],
  ['创业培训', '电商创业'],
];

/** The seeded training courses; all but one are subsidised (free to the trainee). */
export function buildCourses(asOf: string): (typeof s.trainingCourses.$inferInsert)[] {
  return courses.map(([title, provider, location, hours, fee, seats, description], i) => {
    const startDate = addDays(asOf, 7 + i * 5);
    return {
      title,
      provider,
      description,
      district: location.slice(0, location.indexOf('区') + 1),
      category: courseCategories.find(([prefix]) => title.startsWith(prefix))?.[1] ?? '其他',
      location: `广州市${location}`,
      startDate,
      endDate: addDays(startDate, Math.ceil(hours / 8) + 2),
      hours,
      fee,
      seats,
    };
  });
}
