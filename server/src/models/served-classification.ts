import type { Classification, ExplanationScope } from '@polarity/core/contracts';
import { withExplanationScope } from '@polarity/core/explanation';
import { type ExplanationJson, explanationJson } from './explanation-json.ts';

/** A classification as the server answers it: the explanation scoped and written as JSON. */
export type ServedClassification = Omit<Classification, 'explanation'> & {
  explanation: ExplanationJson;
};

/** What the main thread and every inference worker do to a classification before it leaves. */
export function servedClassification(
  text: string,
  classification: Classification,
  scope: ExplanationScope,
): ServedClassification {
  const scoped = withExplanationScope(text, classification, scope);
  return { ...scoped, explanation: explanationJson(scoped.explanation) };
}
