/** Device and audit codes in plain Chinese for staff: no raw code reaches the screen as a word. */

const deviceReasons: Record<string, string> = {
  paperOut: '缺纸',
  paperNearEnd: '纸将用完',
  paperLow: '纸将用完',
  coverOpen: '盖子未关',
  cutterError: '切刀故障',
  unrecoverableError: '严重故障',
  recoverableError: '可恢复故障',
  offline: '离线',
  disconnected: '未连接',
  noDevice: '未连接',
  notOpen: '未打开',
  noResponse: '无响应',
  timeout: '响应超时',
  transportError: '通信故障',
  malformedResponse: '应答异常',
  readerUnavailable: '读卡器不可用',
  printerDisabled: '打印机已停用',
  notAccepting: '打印队列不接收',
  schedulerDown: '打印服务未运行',
  held: '打印任务挂起',
  stopped: '已停止',
  transportClosed: '连接已断开',
  leftQueue: '打印任务被移出队列',
  notSupportedHere: '本机不支持此设备',
  notSpooledYet: '打印任务未进入队列',
  unexpectedOutput: '打印服务应答异常',
  malformedReport: '应答异常',
  commandMissing: '打印命令缺失',
  notChecked: '尚未检测',
  unverified: '尚未确认',
  jammed: '卡纸',
  'media-empty': '缺纸',
  'media-jam': '卡纸',
  'media-low': '纸将用完',
  'toner-low': '墨粉不足',
  'toner-empty': '墨粉用完',
  'door-open': '盖子未关',
  'offline-report': '离线',
  'job-completed-with-errors': '打印出错',
  TonerLow: '墨粉不足',
  PaperOut: '缺纸',
  PaperJam: '卡纸',
  // A device's state reported as a detail (`idCardReader:ok` after a reset).
  ok: '正常',
  degraded: '异常',
  failed: '故障',
};

/** `paperNearEnd` → `纸将用完`; a code not listed here is named as a fault with the code for the technician. */
export function deviceReason(code: string): string {
  return deviceReasons[code] ?? `其他故障（${code}）`;
}

/** Every action the server writes to the audit log (server/**: `action: '…'`), in plain words. */
const auditActions: Record<string, string> = {
  'staff.login': '工作人员登录',
  'staff.logout': '工作人员退出',
  'staff.pinCheck': '终端维护验证',
  'queue.issue': '取号',
  'queue.callNext': '叫号',
  'queue.recall': '重呼',
  'queue.skip': '过号',
  'queue.serve': '办结',
  'fleet.command': '发出终端指令',
  'fleet.deliver': '指令送达终端',
  'fleet.ack': '终端回执',
  'session.open': '读卡开始办理',
  'session.close': '办理结束',
  'session.expire': '办理超时结束',
  'session.secondFactor': '密码验证',
  'session.faceCheck': '刷脸验证',
  'session.faceCheck.replay': '刷脸验证（重复提交）',
  'certification.face': '资格认证（刷脸）',
  'certification.replay': '资格认证（重复提交）',
  'face.enrol': '登记人脸（演示）',
  'case.lookup': '查询办件进度',
  'statement.issue': '出具证明',
  'terminal.auth': '终端认证',
  'terminal.register': '终端注册',
  'update.upload': '上传更新包',
  'update.publish': '发布更新',
  'update.pause': '暂停更新',
  'update.download': '终端下载更新',
  'update.report': '终端更新结果',
};

/** `queue.callNext` → `叫号`; a code this console does not know yet reads 其他操作. */
export function auditAction(code: string): string {
  return auditActions[code] ?? '其他操作';
}

/** Every result the audit log holds: outcomes, error codes (contracts/errors.ts), face failures. */
const auditResults: Record<string, string> = {
  ok: '成功',
  issued: '已发出',
  done: '完成',
  passed: '通过',
  failed: '失败',
  denied: '拒绝',
  rejected: '被终端拒绝',
  empty: '无人等候',
  wrongPassword: '密码错误',
  wrongPin: '维护密码错误',
  installed: '已更新',
  rolledBack: '已回退',
  refused: '校验未通过',
  // contracts/errors.ts
  invalidRequest: '请求有误',
  unauthorized: '认证失败',
  forbidden: '无权操作',
  secondFactorRequired: '需要密码或刷脸',
  notFound: '查无记录',
  noSession: '没有办理中的业务',
  sessionExpired: '办理已超时',
  personNotFound: '查无此人',
  cardInvalid: '卡无效',
  eCardExpired: '电子社保卡码已过期',
  serverUnreachable: '连不上服务器',
  deviceFailed: '设备故障',
  outOfService: '暂停服务中',
  rateLimited: '尝试过多被限制',
  ticketLimit: '已有号未办',
  slotFull: '时段已约满',
  appointmentLimit: '当天已有预约',
  bookingBlocked: '爽约过多暂停预约',
  slotClosed: '时段已截止',
  conflict: '状态不符',
  internal: '系统内部错误',
  // contracts/certification.ts CertificationFailure
  noMatch: '人脸不符',
  livenessIncomplete: '动作未完成',
  inconsistentFace: '前后不是同一人',
  noReference: '未登记人脸',
};

/** `wrongPassword` → `密码错误`; a code this console does not know yet reads 其他结果. */
export function auditResult(code: string): string {
  return auditResults[code] ?? '其他结果';
}

const badResults = new Set(
  Object.keys(auditResults).filter((code) => !['ok', 'issued', 'done', 'passed', 'installed'].includes(code)),
);

/** Whether an audit result is worth a second look (shown in the warning colour). */
export function isBadResult(code: string): boolean {
  return badResults.has(code);
}

/** A host's `device:reason` (last error, command detail) in plain words: `凭条打印机：缺纸`. */
export function deviceDetail(detail: string, deviceNames: Readonly<Record<string, string>>): string {
  const at = detail.indexOf(':');
  if (at < 0) return deviceReason(detail);
  const device = detail.slice(0, at);
  return `${deviceNames[device] ?? '设备'}：${deviceReason(detail.slice(at + 1))}`;
}
