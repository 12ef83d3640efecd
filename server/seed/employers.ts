/** 单位: plausible company names with valid unified social credit codes. */
import type * as s from '../db/schema';
import { makeCreditCode } from './codes';
import { regions, type Region } from './regions';

const stems = [
  '恒信',
  '华创',
  '宏达',
  '瑞丰',
  '天成',
  '中联',
  '嘉禾',
  '泰和',
  '新宇',
  '博远',
  '鼎盛',
  '同创',
  '远航',
  '汇通',
  '长盛',
  '金穗',
  '粤华',
  '永利',
  '信达',
  '安和',
];
const trades = [
  '电子科技',
  '物流',
  '餐饮管理',
  '建筑工程',
  '商贸',
  '医药连锁',
  '软件技术',
  '物业管理',
  '汽车服务',
  '纺织服装',
  '食品',
  '教育咨询',
  '精密机械',
  '家政服务',
  '印务',
];

/** How many employers the generator makes for a population (about one per 40 people). */
export function employerCount(people: number): number {
  return Math.max(20, Math.ceil(people / 40));
}

/** The demo people's employers (ids 1..8, see demo-specs.ts): all in Guangzhou, where the demo people live. */
const DEMO_EMPLOYERS = 8;

/**
 * The district where employer `index` is registered. Employers go round the regions so every city has
 * some, except the demo people's, which are Guangzhou companies. A person works for employers of
 * their own city (`employersInCity`), so a 广州 company never appears in a 北京 district.
 */
export function employerRegion(index: number): Region {
  if (index < DEMO_EMPLOYERS) {
    const guangzhou = regions.filter((r) => r.city === '广东省广州市');
    return guangzhou[index % guangzhou.length]!;
  }
  return regions[index % regions.length]!;
}

/** Ids of the employers registered in `city` among the first `count`. */
export function employersInCity(city: string, count: number): number[] {
  const ids: number[] = [];
  for (let i = 0; i < count; i++) if (employerRegion(i).city === city) ids.push(i + 1);
  return ids;
}

/** Employer `index` (0-based) of the seed; id = index + 1. The 8-digit body is a bijection of the index, so codes never repeat. */
export function buildEmployer(index: number): typeof s.employers.$inferInsert {
  const region = employerRegion(index);
  const city = region.city.replace(/^.*省/, '').replace(/市$/, '');
  const suffix =
    index >= stems.length * trades.length ? `第${Math.floor(index / (stems.length * trades.length)) + 1}分公司` : '';
  const name = `${city}${stems[index % stems.length]}${trades[Math.floor(index / stems.length) % trades.length]}有限公司${suffix}`;
  const body = String(((index * 7919 + 1_234_567) % 90_000_000) + 10_000_000);
  return { id: index + 1, name, creditCode: makeCreditCode(region.code, body) };
}
