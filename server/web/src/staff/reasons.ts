/** Device and audit codes in plain Chinese for staff; an unknown code is shown as it is. */

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
};

/** `paperNearEnd` → `纸将用完`. */
export function deviceReason(code: string): string {
  return deviceReasons[code] ?? code;
}

const auditResults: Record<string, string> = {
  ok: '成功',
  issued: '已发出',
  done: '完成',
  passed: '通过',
  failed: '失败',
  denied: '拒绝',
  rejected: '拒绝',
  wrongPassword: '密码错误',
  wrongPin: 'PIN 错误',
  unauthorized: '认证失败',
  rateLimited: '尝试过多被限制',
  outOfService: '暂停服务中',
  ticketLimit: '已有号未办',
  personNotFound: '查无此人',
};

/** `wrongPassword` → `密码错误`. */
export function auditResult(code: string): string {
  return auditResults[code] ?? code;
}

const badResults = new Set([
  'failed',
  'denied',
  'rejected',
  'wrongPassword',
  'wrongPin',
  'unauthorized',
  'rateLimited',
]);

/** Whether an audit result is worth a second look (shown in the warning colour). */
export function isBadResult(code: string): boolean {
  return badResults.has(code);
}
