/** 政策公告 and 服务网点. */
import type * as s from '../../db/schema';
import { addDays, atHallTime } from '../dates';

const notices: readonly [string, 'policy' | 'announcement', string][] = [
  [
    '关于调整退休人员基本养老金的通知',
    'policy',
    '根据国家统一部署，今年继续提高企业和机关事业单位退休人员基本养老金水平，调整所需资金已按时发放到位，退休人员无需申请。调整后的金额可在自助终端“我的养老金”中查询。',
  ],
  [
    '退休人员待遇领取资格认证温馨提示',
    'announcement',
    '按月领取养老金的退休人员每年需进行一次资格认证。您可以在服务大厅自助终端刷脸认证，也可以通过手机办理。认证有效期为12个月，超过有效期未认证的，将暂停发放养老金，认证后恢复发放并补发。',
  ],
  [
    '城乡居民基本医疗保险集中缴费期开始',
    'announcement',
    '下一年度城乡居民基本医疗保险集中缴费期已开始，请参保居民在缴费期内及时缴费，以免影响待遇享受。可在自助终端、银行网点或手机上缴费。',
  ],
  [
    '关于延长失业保险稳岗返还政策的通知',
    'policy',
    '符合条件的参保企业可享受失业保险稳岗返还，无需申请，由经办机构通过大数据比对直接返还至企业对公账户。',
  ],
  [
    '服务大厅节假日办公时间安排',
    'announcement',
    '节假日期间服务大厅暂停窗口服务，自助服务区24小时开放。如有疑问请拨打12333人社服务热线。',
  ],
  [
    '关于职业技能提升补贴申领的通知',
    'policy',
    '参保职工取得职业资格证书或职业技能等级证书后12个月内，可申领技能提升补贴。初级工1000元、中级工1500元、高级工2000元。',
  ],
];

/** The seeded notices, newest first by publication time. */
export function buildNotices(asOf: string): (typeof s.notices.$inferInsert)[] {
  return notices.map(([title, category, body], i) => ({
    title,
    category,
    body,
    publishedAt: atHallTime(addDays(asOf, -(i * 9 + 1)), 9, 0),
  }));
}

/** The seeded offices. */
export const offices: readonly (typeof s.offices.$inferInsert)[] = [
  {
    name: '天河区人社服务大厅',
    district: '天河区',
    address: '广州市天河区天河北路 233 号',
    phone: '020-12333',
    hours: '周一至周五 9:00-12:00，13:30-17:30；自助服务区 24 小时',
    services: '社保、医保、就业全部业务',
  },
  {
    name: '天河南街社区人社服务站',
    district: '天河区',
    address: '广州市天河区体育西路 191 号一楼',
    phone: '020-38860011',
    hours: '周一至周五 9:00-12:00，14:00-17:30',
    services: '资格认证、参保登记、就业登记、社保卡服务',
  },
  {
    name: '越秀区人社服务分中心',
    district: '越秀区',
    address: '广州市越秀区东风中路 305 号',
    phone: '020-83330022',
    hours: '周一至周六 9:00-17:00',
    services: '养老保险、医疗保险、失业保险业务',
  },
  {
    name: '海珠区就业服务中心',
    district: '海珠区',
    address: '广州市海珠区江南大道中 156 号',
    phone: '020-84440033',
    hours: '周一至周五 9:00-12:00，14:00-17:00',
    services: '求职登记、职业介绍、职业培训、创业服务',
  },
  {
    name: '白云区社会保障卡服务网点',
    district: '白云区',
    address: '广州市白云区机场路 1268 号',
    phone: '020-86660044',
    hours: '周一至周日 9:00-17:00',
    services: '社保卡申领、补换卡、激活、挂失',
  },
];
