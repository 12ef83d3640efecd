/**
 * A "live" camera for Chromium tests (issue 14): Chromium's fake camera plays a recorded y4m, and
 * this page script wraps getUserMedia so the page gets a canvas stream of those frames lit as a
 * face half a metre from the kiosk screen would be: the screen's current colour field (read from
 * the camera screen's `data-light`, as the camera sees the screen's light) multiplied into the
 * picture, strongest in the middle (the face) and fading towards the edges (the room), plus a
 * sensor's noise. `window.__liveLight` switches the light the "camera" sees at run time:
 * - 'screen': the kiosk screen's light (a live person in front of the kiosk);
 * - 'replay': another attempt's light sequence (a recording made under another challenge);
 * - 'none': no response (a screen or a photo that does not take the light).
 * `window.__liveMotion = 'handled'` moves the picture as a hand holding a photo up to the camera
 * would: tilted back and forth about the vertical axis (narrower by up to 44 %), rolled ±13 degrees
 * and moved about, over a grey room; 'still' (the default) shows it as recorded.
 */
export type LiveLightMode = 'screen' | 'replay' | 'none';
export type LiveMotionMode = 'still' | 'handled';

/** Page script for `context.addInitScript({ content })` (plain JavaScript: it runs in the page). */
export const LIVE_CAMERA_SCRIPT = `(() => {
  const w = window;
  w.__liveLight ??= 'screen';
  w.__liveMotion ??= 'still';
  const media = navigator.mediaDevices;
  const original = media.getUserMedia.bind(media);
  media.getUserMedia = async (constraints) => {
    const source = await original(constraints);
    const video = document.createElement('video');
    video.muted = true;
    video.srcObject = source;
    await video.play();
    const canvas = document.createElement('canvas');
    canvas.width = video.videoWidth || 640;
    canvas.height = video.videoHeight || 480;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    const started = performance.now();
    // A fresh noise sequence for each camera opened: a real sensor never repeats its noise, and
    // the hall server refuses descriptors it has seen before (replayedEvidence).
    let seed = Math.floor(Math.random() * 0x7fffffff) || 1;
    const light = () => {
      if (w.__liveLight === 'none') return null;
      if (w.__liveLight === 'replay') {
        let t = performance.now() - started;
        for (const step of w.__replayLight ?? []) {
          if (t < step.ms) return step.rgb;
          t -= step.ms;
        }
        return [255, 255, 255];
      }
      const attr = document.querySelector('[data-light]')?.getAttribute('data-light');
      return attr ? (attr.split(',').map(Number) ) : [255, 255, 255];
    };
    const draw = () => {
      const { width, height } = canvas;
      ctx.globalCompositeOperation = 'source-over';
      if (w.__liveMotion === 'handled') {
        const t = (performance.now() - started) / 1000;
        ctx.fillStyle = 'rgb(128,128,128)';
        ctx.fillRect(0, 0, width, height);
        ctx.save();
        ctx.translate(width / 2 + 40 * Math.sin((2 * Math.PI * t) / 6), height / 2 + 30 * Math.sin((2 * Math.PI * t) / 4));
        ctx.rotate(0.22 * Math.sin((2 * Math.PI * t) / 3.5));
        ctx.scale(0.78 + 0.22 * Math.cos((2 * Math.PI * t) / 5), 1);
        ctx.drawImage(video, -width / 2, -height / 2, width, height);
        ctx.restore();
      } else ctx.drawImage(video, 0, 0, width, height);
      const rgb = light();
      if (rgb) {
        const g = ctx.createRadialGradient(width / 2, height / 2, 0, width / 2, height / 2, width * 0.6);
        g.addColorStop(0, \`rgba(\${rgb.join(',')},0.55)\`);
        g.addColorStop(0.45, \`rgba(\${rgb.join(',')},0.35)\`);
        g.addColorStop(1, \`rgba(\${rgb.join(',')},0)\`);
        ctx.globalCompositeOperation = 'multiply';
        ctx.fillStyle = g;
        ctx.fillRect(0, 0, width, height);
      }
      // A sensor's noise: no two frames are the same numbers.
      const img = ctx.getImageData(0, 0, width, height);
      const px = img.data;
      for (let i = 0; i < px.length; i += 4) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        const n = (seed % 7) - 3;
        px[i] = px[i] + n;
        px[i + 1] = px[i + 1] + n;
        px[i + 2] = px[i + 2] + n;
      }
      ctx.putImageData(img, 0, 0);
    };
    const timer = setInterval(draw, 33);
    const stream = canvas.captureStream(30);
    const track = stream.getVideoTracks()[0];
    const stop = track.stop.bind(track);
    track.stop = () => {
      clearInterval(timer);
      source.getTracks().forEach((t) => t.stop());
      stop();
    };
    return stream;
  };
})();`;
