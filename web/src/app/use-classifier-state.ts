import { useSyncExternalStore } from 'react';
import type { ClassifierState } from '../model-lifecycle/classifier-service.ts';
import { useServices } from './services-context.ts';

export function useClassifierState(): ClassifierState {
  const { classifier } = useServices();
  return useSyncExternalStore(classifier.subscribe, classifier.getState);
}
