/* global process, URL */
// Child process of face-node.ts: prints the face-api descriptor of each image file given as an
// argument, as one JSON object { file: number[] | null }. A separate process because face-api's
// ESM build imports the full `@tensorflow/tfjs` (not installed): a module hook, registered before
// anything loads and scoped to face-api's own imports, points it at tfjs-core and the WASM backend.
// Images are decoded by Debian's ffmpeg into raw RGB in memory; nothing is written.
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { register } from 'node:module';
import { fileURLToPath } from 'node:url';

const core = import.meta.resolve('@tensorflow/tfjs-core');
const wasmUrl = import.meta.resolve('@tensorflow/tfjs-backend-wasm');
const full = `data:text/javascript,${encodeURIComponent(`export * from ${JSON.stringify(core)}; import ${JSON.stringify(wasmUrl)};`)}`;
const map = {
  '@tensorflow/tfjs/dist/index.js': full,
  '@tensorflow/tfjs-backend-wasm/dist/index.js': wasmUrl,
  '@tensorflow/tfjs-backend-webgl/dist/index.js': 'data:text/javascript,export {}',
};
const hooks = `const map = ${JSON.stringify(map)};
export async function resolve(specifier, context, next) {
  if (Object.hasOwn(map, specifier) && (context.parentURL ?? '').includes('/@vladmandic/face-api/'))
    return { url: map[specifier], shortCircuit: true };
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);

const tf = await import('@tensorflow/tfjs-core');
const wasm = await import('@tensorflow/tfjs-backend-wasm');
const faceapi = await import('@vladmandic/face-api/dist/face-api.esm-nobundle.js');

// The chained tensor methods (`t.as3D()`…) that the full tfjs package would register.
const proto = tf.Tensor.prototype;
for (const [name, op] of Object.entries(tf))
  if (typeof op === 'function' && /^[a-z]/.test(name) && !(name in proto))
    proto[name] = function (...args) {
      return op(this, ...args);
    };
proto.as1D = function () {
  return tf.reshape(this, [-1]);
};
proto.asScalar = function () {
  return tf.reshape(this, []);
};
for (const n of [2, 3, 4, 5])
  proto[`as${n}D`] = function (...shape) {
    return tf.reshape(this, shape);
  };
proto.asType = function (dtype) {
  return tf.cast(this, dtype);
};
proto.toFloat = function () {
  return tf.cast(this, 'float32');
};

wasm.setWasmPaths(fileURLToPath(new URL('./dist/', import.meta.resolve('@tensorflow/tfjs-backend-wasm/package.json'))));
await tf.setBackend('wasm');
await tf.ready();
faceapi.env.monkeyPatch({ readFile: (p) => readFile(p) });
const models = fileURLToPath(new URL('./model/', import.meta.resolve('@vladmandic/face-api/package.json')));
await faceapi.nets.ssdMobilenetv1.loadFromDisk(models);
await faceapi.nets.faceLandmark68Net.loadFromDisk(models);
await faceapi.nets.faceRecognitionNet.loadFromDisk(models);

function decode(file) {
  const [width, height] = execFileSync('ffprobe', [
    ...['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height', '-of', 'csv=p=0', file],
  ])
    .toString()
    .trim()
    .split(',')
    .map(Number);
  const raw = execFileSync(
    'ffmpeg',
    ['-v', 'error', '-i', file, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'],
    {
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  return tf.tensor3d(new Uint8Array(raw.buffer, raw.byteOffset, raw.length), [height, width, 3], 'int32');
}

const out = {};
for (const file of process.argv.slice(2)) {
  const tensor = decode(file);
  const found = await faceapi
    .detectSingleFace(tensor, new faceapi.SsdMobilenetv1Options({ minConfidence: 0.3 }))
    .withFaceLandmarks()
    .withFaceDescriptor();
  tensor.dispose();
  out[file] = found ? Array.from(found.descriptor) : null;
}
process.stdout.write(JSON.stringify(out));
