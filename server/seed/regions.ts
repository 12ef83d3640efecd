/** Real administrative division codes (GB/T 2260) of a few city districts, with their street names. */

/** A district where synthetic people live. */
export interface Region {
  /** The 6-digit code that starts an ID number. */
  code: string;
  city: string;
  district: string;
  /** As printed on an ID card's back (签发机关). */
  issuingAuthority: string;
  streets: readonly string[];
}

/** Districts used by the generator; the demo people live in Guangzhou. */
export const regions: readonly Region[] = [
  {
    code: '440103',
    city: '广东省广州市',
    district: '荔湾区',
    issuingAuthority: '广州市公安局荔湾分局',
    streets: ['中山七路', '龙津西路', '芳村大道中', '康王中路', '多宝路'],
  },
  {
    code: '440104',
    city: '广东省广州市',
    district: '越秀区',
    issuingAuthority: '广州市公安局越秀分局',
    streets: ['东风中路', '北京路', '解放北路', '中山五路', '环市东路'],
  },
  {
    code: '440105',
    city: '广东省广州市',
    district: '海珠区',
    issuingAuthority: '广州市公安局海珠分局',
    streets: ['江南大道中', '新港中路', '工业大道北', '昌岗中路', '宝岗大道'],
  },
  {
    code: '440106',
    city: '广东省广州市',
    district: '天河区',
    issuingAuthority: '广州市公安局天河分局',
    streets: ['天河路', '体育西路', '黄埔大道西', '中山大道西', '天河北路'],
  },
  {
    code: '440111',
    city: '广东省广州市',
    district: '白云区',
    issuingAuthority: '广州市公安局白云分局',
    streets: ['机场路', '广园中路', '同和路', '白云大道北', '棠景街'],
  },
  {
    code: '110105',
    city: '北京市',
    district: '朝阳区',
    issuingAuthority: '北京市公安局朝阳分局',
    streets: ['朝阳路', '建国路', '望京西路', '安立路', '东三环中路'],
  },
  {
    code: '310115',
    city: '上海市',
    district: '浦东新区',
    issuingAuthority: '上海市公安局浦东分局',
    streets: ['世纪大道', '张杨路', '浦东南路', '东方路', '锦绣路'],
  },
  {
    code: '330106',
    city: '浙江省杭州市',
    district: '西湖区',
    issuingAuthority: '杭州市公安局西湖分局',
    streets: ['文三路', '天目山路', '教工路', '古墩路', '学院路'],
  },
  {
    code: '510107',
    city: '四川省成都市',
    district: '武侯区',
    issuingAuthority: '成都市公安局武侯分局',
    streets: ['人民南路四段', '科华北路', '武侯祠大街', '玉林南路', '高升桥路'],
  },
  {
    code: '420106',
    city: '湖北省武汉市',
    district: '武昌区',
    issuingAuthority: '武汉市公安局武昌分局',
    streets: ['中南路', '武珞路', '中北路', '和平大道', '徐东大街'],
  },
];

/** Residential compounds (小区) that make addresses look lived in. */
export const compounds: readonly string[] = ['花园', '新村', '小区', '家园', '苑', '雅居', '名都', '公寓'];
export const compoundStems: readonly string[] = [
  '锦绣',
  '翠苑',
  '阳光',
  '碧桂',
  '金沙',
  '丽景',
  '华府',
  '东湖',
  '南湖',
  '恒安',
  '富康',
  '紫荆',
  '春晓',
  '滨江',
];
