/**
 * A 178-byte ONNX model: one Identity node on an int64 [batch, sequence] input. Creating a
 * session from it makes onnxruntime fetch, compile and initialise its WebAssembly before the
 * real model's files are even read. test/prewarm-model.test.ts rebuilds it with model-export's
 * encoder and runs it, so these bytes cannot drift into something else.
 */
const prewarmModelBase64 =
  'CAgSFXBvbGFyaXR5LW1vZGVsLWV4cG9ydBoHcHJld2FybTqHAQopCglpbnB1dF9pZHMSBm91dHB1dBoKSWRlbnRpdHlfMCIISWRlbnRpdHkSB3ByZXdhcm1SAFooCglpbnB1dF9pZHMSGwoZCAcSFQoHEgViYXRjaAoKEghzZXF1ZW5jZWIlCgZvdXRwdXQSGwoZCAcSFQoHEgViYXRjaAoKEghzZXF1ZW5jZUIECgAQEQ==';

export function prewarmModel(): Uint8Array {
  return Uint8Array.from(atob(prewarmModelBase64), (c) => c.charCodeAt(0));
}
