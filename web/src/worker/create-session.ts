import type { InferenceSession } from 'onnxruntime-web/wasm';
import type { BrowserRuntime } from '../worker-bridge/protocol.ts';
import { loadOnnxRuntime, type OnnxRuntime } from './onnx-runtime.ts';
import { prewarmModel } from './prewarm-model.ts';

async function hasWebGpuAdapter(): Promise<boolean> {
  const gpu = (navigator as WorkerNavigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  if (!gpu) return false;
  try {
    return (await gpu.requestAdapter()) !== null;
  } catch {
    return false;
  }
}

let adapterCheck: Promise<boolean> | undefined;
const webGpuAvailable = () => {
  adapterCheck ??= hasWebGpuAdapter();
  return adapterCheck;
};

/**
 * Starts the build `createSession` will most likely use, on a 178-byte model, so onnxruntime's
 * WebAssembly is fetched, compiled and initialised while the real model's files are still being
 * read or downloaded. Never fails: a real problem shows again, with context, in `createSession`.
 */
export async function prewarm(preference: 'auto' | 'webgpu' | 'wasm'): Promise<void> {
  try {
    const webgpu = preference === 'webgpu' || (preference === 'auto' && (await webGpuAvailable()));
    const ort = await loadOnnxRuntime(webgpu ? 'webgpu' : 'wasm');
    const session = await ort.InferenceSession.create(prewarmModel(), {
      executionProviders: [webgpu ? 'webgpu' : 'wasm'],
    });
    await session.run({ input_ids: new ort.Tensor('int64', new BigInt64Array(1), [1, 1]) });
    await session.release();
  } catch {
    // createSession meets the same problem and reports it.
  }
}

export interface CreatedSession {
  session: InferenceSession;
  runtime: BrowserRuntime;
  /** The build that created `session`; its tensors are the ones `session` accepts. */
  ort: OnnxRuntime;
}

/**
 * WebGPU when asked for, or on `auto` when an adapter exists and the model really runs on it
 * (`warmUp` throws otherwise), else WebAssembly (SIMD; threads when cross-origin isolated).
 */
export async function createSession(
  modelBytes: ArrayBuffer,
  preference: 'auto' | 'webgpu' | 'wasm',
  warmUp: (session: InferenceSession, ort: OnnxRuntime) => Promise<void>,
): Promise<CreatedSession> {
  const bytes = new Uint8Array(modelBytes);
  if (preference === 'webgpu' || (preference === 'auto' && (await webGpuAvailable()))) {
    try {
      const ort = await loadOnnxRuntime('webgpu');
      const session = await ort.InferenceSession.create(bytes, { executionProviders: ['webgpu'] });
      await warmUp(session, ort);
      return { session, runtime: 'webgpu', ort };
    } catch (error) {
      if (preference === 'webgpu')
        throw new Error(`WebGPU cannot run this model: ${String(error)}`);
    }
  }
  // The WebAssembly-only build: its binary compiles in a fraction of the WebGPU build's time.
  const ort = await loadOnnxRuntime('wasm');
  const session = await ort.InferenceSession.create(bytes, {
    executionProviders: ['wasm'],
    graphOptimizationLevel: 'all',
  });
  await warmUp(session, ort);
  return { session, runtime: 'wasm', ort };
}
