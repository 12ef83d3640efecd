/**
 * The sign the kiosk shows when it cannot start its host (a missing or wrong configuration file,
 * or any other start-up failure): a plain, full-screen 暂停服务 for citizens with the hotline, and
 * below it, in small type, the reason for the staff member who comes to fix it. It is a
 * self-contained page (no script, no preload, no network) loaded as a data: URL, so it shows even
 * when the renderer files are the problem. The shell then retries: never a crash loop.
 */
import type { ConfigFieldProblem, HostConfigError } from '../host/config';

/** What the staff part of the sign says. */
export interface StartupProblem {
  /** One line in Chinese and the same in English, e.g. 配置文件不存在 / file missing. */
  summary: string;
  /** The file concerned, when there is one. */
  file?: string;
  /** Each wrong field (never a value: the file holds the terminal's secret). */
  fields: ConfigFieldProblem[];
}

const summaries: Record<HostConfigError['problem'], string> = {
  missing: '终端配置文件不存在 · the terminal configuration file does not exist',
  unreadable: '终端配置文件无法读取 · the terminal configuration file cannot be read',
  notJson: '终端配置文件不是有效的 JSON · the terminal configuration file is not valid JSON',
  invalid: '终端配置文件有误 · the terminal configuration has wrong fields',
};

/** The staff reason for a start-up failure (a HostConfigError names the file and fields). */
export function startupProblemOf(error: unknown): StartupProblem {
  if (error instanceof Error && error.name === 'HostConfigError') {
    const config = error as HostConfigError;
    return { summary: summaries[config.problem], file: config.source, fields: config.fields };
  }
  return { summary: '终端软件启动失败，详见日志 · the kiosk software failed to start, see the log', fields: [] };
}

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The sign as an HTML document. */
export function outOfServiceHtml(problem: StartupProblem, retrySeconds: number): string {
  const fields = problem.fields
    .slice(0, 8)
    .map((f) => `<li><code>${escape(f.field)}</code>: ${escape(f.message)}</li>`)
    .join('');
  const more = problem.fields.length > 8 ? `<li>… ${problem.fields.length - 8} more</li>` : '';
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>暂停服务</title>
<style>
  html, body { margin: 0; height: 100%; background: #ffffff; color: #1a1a1a;
    font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", sans-serif; }
  body { display: flex; flex-direction: column; box-sizing: border-box; padding: 4vmin 6vmin; }
  main { flex: 1; display: flex; flex-direction: column; justify-content: center; align-items: center;
    text-align: center; gap: 3vmin; }
  h1 { margin: 0; font-size: clamp(64px, 14vmin, 200px); letter-spacing: 0.1em; color: #b3261e; }
  .en { margin: 0; font-size: clamp(28px, 4.5vmin, 56px); color: #444444; }
  .go { margin: 0; font-size: clamp(32px, 5.5vmin, 72px); line-height: 1.4; }
  .hotline { margin: 0; font-size: clamp(32px, 5.5vmin, 72px); font-weight: 700; }
  .hotline b { color: #0b5cad; font-size: 1.3em; }
  footer { border-top: 3px solid #dddddd; padding-top: 2vmin; font-size: clamp(16px, 2.1vmin, 24px);
    color: #333333; line-height: 1.5; overflow-wrap: anywhere; }
  footer h2 { margin: 0 0 0.5vmin; font-size: 1.1em; }
  footer ul { margin: 0.5vmin 0; padding-left: 1.4em; }
  code { font-family: "DejaVu Sans Mono", monospace; }
</style>
</head>
<body>
<main>
  <h1>暂停服务</h1>
  <p class="en">Out of service</p>
  <p class="go">本机暂时不能办理业务，请到人工窗口办理。</p>
  <p class="hotline">咨询电话 <b>12333</b></p>
</main>
<footer data-testid="staff-reason">
  <h2>工作人员 · For staff</h2>
  <div>${escape(problem.summary)}</div>
  ${problem.file ? `<div>文件 · file: <code>${escape(problem.file)}</code></div>` : ''}
  ${fields || more ? `<ul>${fields}${more}</ul>` : ''}
  <div>改好后本机在 ${retrySeconds} 秒内自动重新启动 · the kiosk restarts by itself within ${retrySeconds} s once it is fixed.</div>
</footer>
</body>
</html>`;
}

/** The sign as a URL a BrowserWindow can load. */
export function outOfServiceUrl(problem: StartupProblem, retrySeconds: number): string {
  return `data:text/html;charset=utf-8,${encodeURIComponent(outOfServiceHtml(problem, retrySeconds))}`;
}
