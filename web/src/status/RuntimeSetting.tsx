import { useId, useState } from 'react';
import { useServices } from '../app/services-context.ts';
import {
  readRuntimePreference,
  runtimePreferences,
  writeRuntimePreference,
} from '../settings/runtime-preference.ts';
import type { RuntimePreference } from '../worker-bridge/protocol.ts';

const names: Record<RuntimePreference, string> = {
  auto: 'Automatic',
  webgpu: 'WebGPU',
  wasm: 'WebAssembly',
  server: 'Server',
};

/**
 * Overrides the automatic runtime choice, in place: no reload, so the review being typed stays.
 * The choice is remembered for the next visit.
 */
export function RuntimeSetting() {
  const { classifier } = useServices();
  const id = useId();
  const [value, setValue] = useState(readRuntimePreference);
  return (
    <div className="setting">
      <label htmlFor={id}>Runtime</label>
      <select
        id={id}
        value={value}
        onChange={(event) => {
          const preference = event.target.value as RuntimePreference;
          setValue(preference);
          writeRuntimePreference(preference);
          void classifier.changeRuntime(preference);
        }}
      >
        {runtimePreferences.map((preference) => (
          <option key={preference} value={preference}>
            {names[preference]}
          </option>
        ))}
      </select>
    </div>
  );
}
