import { ClassifierService } from '../model-lifecycle/classifier-service.ts';
import { clientId } from '../outbox/client-id.ts';
import { readRuntimePreference } from '../settings/runtime-preference.ts';
import { ClassifierBridge } from '../worker-bridge/index.ts';

/**
 * The model starts loading here, when main.tsx imports this module first: before React and the
 * rest of the app are even evaluated. The worker's start-up, onnxruntime's WebAssembly above
 * all, is the long pole of the first result.
 */
const classifierBridge = new ClassifierBridge();
export const classifier = new ClassifierService(classifierBridge, clientId());
// For DevTools and the benchmark: how long after navigation the page began loading the model.
performance.mark('polarity:boot');
void classifier.start(readRuntimePreference());
