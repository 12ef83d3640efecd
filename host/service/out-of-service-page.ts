/** The plain 暂停服务 page the service serves when the host cannot start (bad config, a crash loop). */
import { createServer, type Server } from 'node:http';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The sign: huge type for citizens, the hotline, and the reason in small type for staff (never a value). */
export function outOfServiceHtml(reason: string, retrySeconds: number): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>暂停服务</title>
<meta http-equiv="refresh" content="${retrySeconds};url=/launch">
<style>html,body{margin:0;height:100%;background:#f4f1ea;color:#1d2a36;font-family:"Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif}
main{height:100%;display:flex;flex-direction:column;align-items:center;justify-content:center;gap:4vh;text-align:center}
h1{font-size:clamp(64px,9vw,140px);margin:0}p{font-size:clamp(30px,3.4vw,52px);margin:0}
small{position:fixed;bottom:2vh;left:0;right:0;font-size:18px;color:#5b6670}</style></head>
<body><main><h1>暂停服务</h1><p>本机暂时不能办理业务，请到其他自助机或窗口办理。</p>
<p>服务热线 <strong>12333</strong></p></main><small>${escapeHtml(reason)}</small></body></html>`;
}

/** Serves the sign on the kiosk's address for every path; closes when the host can start. */
export async function serveOutOfService(host: string, port: number, reason: () => string): Promise<Server> {
  const server = createServer((_req, res) => {
    res
      .writeHead(503, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
      .end(outOfServiceHtml(reason(), 30));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
