import { BertTokenizer, env } from '@huggingface/transformers';
import type { PretrainedTokenizerLike } from '@polarity/core/inference';

// The tokenizer is built from verified bytes in memory, exactly as the server builds it;
// transformers.js must never reach for the Hugging Face Hub, and any local lookup would go to
// our own server.
env.allowRemoteModels = false;
env.allowLocalModels = true;
env.localModelPath = '/api/models/';
env.useBrowserCache = false;

function json(bytes: ArrayBuffer, file: string, version: string): Record<string, unknown> {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new Error(`model version ${version}: ${file} is not JSON (${String(error)})`);
  }
}

export function loadTokenizer(
  version: string,
  tokenizerJson: ArrayBuffer,
  tokenizerConfigJson: ArrayBuffer,
): PretrainedTokenizerLike {
  return new BertTokenizer(
    json(tokenizerJson, 'tokenizer.json', version),
    json(tokenizerConfigJson, 'tokenizer_config.json', version),
  );
}
