import type { InferenceSession } from 'onnxruntime-web/wasm';
import type { BrowserRuntime } from '../worker-bridge/protocol.ts';
import { loadOnnxRuntime, type OnnxRuntime } from './onnx-runtime.ts';

async function webGpuAvailable(): Promise<boolean> {
  const gpu = (navigator as WorkerNavigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  if (!gpu) return false;
  try {
    return (await gpu.requestAdapter()) !== null;
  } catch {
    return false;
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
