import type { RuntimePreference } from '../worker-bridge/protocol.ts';

const key = 'polarity.runtime';
export const runtimePreferences: readonly RuntimePreference[] = [
  'auto',
  'webgpu',
  'wasm',
  'server',
];

export function readRuntimePreference(): RuntimePreference {
  const stored = localStorage.getItem(key);
  return runtimePreferences.find((preference) => preference === stored) ?? 'auto';
}

export function writeRuntimePreference(preference: RuntimePreference): void {
  localStorage.setItem(key, preference);
}
