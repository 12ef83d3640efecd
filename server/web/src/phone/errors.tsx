/** The phone page's error sentences: a plain line and the hotline, never a code or a stack. */
import { HOTLINE } from '../../../../contracts/errors';
import { ApiError, errorText } from '../shared/api';

/** Plain sentences for what booking can answer. */
export function phoneErrorText(error: unknown): string {
  const code = error instanceof ApiError ? error.code : 'internal';
  switch (code) {
    case 'unauthorized':
      return '登录已过期，请重新获取验证码登录';
    case 'slotFull':
      return '这个时段刚刚约满了，请换一个时段';
    case 'slotClosed':
      return '这个时段已停止预约，请换一个时段';
    case 'appointmentLimit':
      return '您当天已预约过这项业务，每人每天每项业务只能约一次';
    case 'bookingBlocked':
      return '您多次预约未到，暂时不能预约，可直接到大厅取号';
    case 'rateLimited':
      return '验证码发送太频繁，请稍后再试';
    default:
      return errorText(error);
  }
}

/** An error sentence and the hotline. */
export function ErrorLine({ error }: { error: unknown }) {
  return (
    <p className="phone-error" role="alert">
      {phoneErrorText(error)}。如需帮助请拨打 {HOTLINE}
    </p>
  );
}
