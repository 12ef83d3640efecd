/**
 * Simulator page: enrol your own webcam face as a demo person's reference, so you can certify
 * with it at the kiosk (retirees, listed first) or pass the face check of an ID-card session. The face engine runs one attempt here (blink, then open the mouth); only
 * the mean descriptor is sent (host → hall server's simulator-only route); no frame is kept.
 */
import { useEffect, useRef, useState } from 'react';
import type { DemoCard, SimulatorApi } from '../../contracts';
import type { AttemptProgress } from '../src/face/engine-types';
import { faceEngine, openCamera, stopCamera } from '../src/services/certification/camera';

const prompts: Record<string, string> = {
  blink: '请眨眨眼',
  openMouth: '请张张嘴',
  turnLeft: '请向左转头',
  turnRight: '请向右转头',
};

function describeProgress(p: AttemptProgress): string {
  if (p.step === 'loading') return '正在加载人脸模型…';
  if (p.step === 'quality') return p.problem ? `画面问题：${p.problem}` : '很好，请保持不动';
  if (p.step === 'action') return `${prompts[p.action]}（${Math.ceil(p.remainingMs / 1000)} 秒）`;
  return '正在计算…';
}

/** The mean of equally long descriptors. */
function mean(descriptors: number[][]): number[] {
  return descriptors[0]!.map((_, i) => descriptors.reduce((s, d) => s + d[i]!, 0) / descriptors.length);
}

export function FaceEnrol({ sim, people: cards }: { sim: SimulatorApi; people: DemoCard[] }) {
  // One entry per person (a person may have an ID card and a social security card).
  const people = cards.filter((c, i) => cards.findIndex((o) => o.card.idNumber === c.card.idNumber) === i);
  const [idNumber, setIdNumber] = useState(people[0]?.card.idNumber ?? '');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const videoRef = useRef<HTMLVideoElement>(null);
  const abortRef = useRef<AbortController | null>(null);
  useEffect(() => () => abortRef.current?.abort(), []);

  async function enrol(): Promise<void> {
    const video = videoRef.current;
    if (!video || !idNumber) return;
    const abort = new AbortController();
    abortRef.current = abort;
    setBusy(true);
    let stream: MediaStream | null = null;
    try {
      stream = await openCamera();
      video.srcObject = stream;
      await video.play();
      const engine = await faceEngine();
      const result = await engine.runAttempt(
        video,
        { actions: ['blink', 'openMouth'], actionTimeoutMs: 10_000 },
        (p) => setMessage(describeProgress(p)),
        abort.signal,
      );
      if (result.outcome !== 'captured') {
        setMessage(`没有登记：${result.reason}`);
        return;
      }
      const { enrolledAt } = await sim.enrolFace({
        idNumber,
        descriptor: mean(result.descriptors.map((d) => d.values)),
      });
      const name = people.find((r) => r.card.idNumber === idNumber)?.card.name ?? '';
      setMessage(`已登记为 ${name} 的人脸（${new Date(enrolledAt).toLocaleTimeString('zh-CN')}）`);
    } catch (error) {
      setMessage(`没有登记：${error instanceof Error ? error.message : 'camera'}`);
    } finally {
      stopCamera(stream);
      video.srcObject = null;
      setBusy(false);
    }
  }

  return (
    <section className="sim-section" aria-labelledby="face-heading">
      <h2 id="face-heading">人脸登记（演示）</h2>
      <p>用摄像头登记您自己的脸，作为一位演示人员的人脸照片，然后在自助机上刷脸认证，或用身份证登录后刷脸验证本人。</p>
      <label>
        演示人员{' '}
        <select value={idNumber} onChange={(e) => setIdNumber(e.target.value)} data-testid="sim-face-person">
          {people.map((r) => (
            <option key={r.card.idNumber} value={r.card.idNumber}>
              {r.card.name}
            </option>
          ))}
        </select>
      </label>{' '}
      <button type="button" disabled={busy} onClick={() => void enrol()} data-testid="sim-face-enrol">
        打开摄像头并登记
      </button>
      <video
        ref={videoRef}
        muted
        playsInline
        style={{ display: busy ? 'block' : 'none', width: 320, transform: 'scaleX(-1)' }}
      />
      {message && <p data-testid="sim-face-message">{message}</p>}
    </section>
  );
}
