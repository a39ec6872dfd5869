import { BertTokenizer, env } from '@huggingface/transformers';
import type { PretrainedTokenizerLike } from '@polarity/core/inference';

// The tokenizer is built from verified bytes in memory, exactly as the server builds it;
// transformers.js must never reach for the Hugging Face Hub, and any local lookup would go to
// our own server.
env.allowRemoteModels = false;
env.allowLocalModels = true;
env.localModelPath = '/api/models/';
env.useBrowserCache = false;

export function loadTokenizer(
  tokenizerJson: Record<string, unknown>,
  tokenizerConfig: Record<string, unknown>,
): PretrainedTokenizerLike {
  return new BertTokenizer(tokenizerJson, tokenizerConfig);
}
