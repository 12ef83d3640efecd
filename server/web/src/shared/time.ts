import { DEFAULT_HALL_TIME_ZONE } from '../../../../contracts/hall-time';

/**
 * The zone these pages show times in. Their feeds (display, follow, staff) do not carry `halls.time_zone`
 * yet, so the pages assume the default hall zone until they do.
 */
const PAGE_TIME_ZONE_FALLBACK = DEFAULT_HALL_TIME_ZONE;

const hm = new Intl.DateTimeFormat('zh-CN', {
  timeZone: PAGE_TIME_ZONE_FALLBACK,
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const hms = new Intl.DateTimeFormat('zh-CN', {
  timeZone: PAGE_TIME_ZONE_FALLBACK,
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** `09:05`. */
export function clock(iso: string | null | undefined): string {
  return iso ? hm.format(new Date(iso)) : '';
}

/** `09:05:30`. */
export function clockSeconds(iso: string | null | undefined): string {
  return iso ? hms.format(new Date(iso)) : '';
}

/** `刚刚`, `12 秒前`, `3 分钟前`, `2 小时前` from seconds. */
export function ago(seconds: number): string {
  if (seconds < 5) return '刚刚';
  if (seconds < 60) return `${Math.floor(seconds)} 秒前`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} 分钟前`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} 小时前`;
  return `${Math.floor(seconds / 86400)} 天前`;
}

/** `2 天 3 小时`, `5 小时 12 分`, `8 分钟`. */
export function duration(seconds: number): string {
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  if (d > 0) return `${d} 天 ${h} 小时`;
  if (h > 0) return `${h} 小时 ${m} 分`;
  return `${m} 分钟`;
}
