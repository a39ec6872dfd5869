import { useId, useState } from 'react';
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

/** Overrides the automatic runtime choice; applies on reload so one model load is never torn down mid-way. */
export function RuntimeSetting() {
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
          location.reload();
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
