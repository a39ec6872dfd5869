/**
 * A response's body, reporting progress in bytes over the wire: a compressed response's
 * Content-Length is its encoded size while the stream yields decoded bytes, so each chunk
 * counts for its share of the encoded size. What the user waits for is the transfer.
 */
export async function readWithProgress(
  response: Response,
  /** the decoded size, known beforehand (the model's metadata, the build) */
  decodedSize: number,
  onProgress: (wireLoaded: number, wireTotal: number) => void,
): Promise<ArrayBuffer> {
  const declared = Number(response.headers.get('Content-Length'));
  const encoded = response.headers.has('Content-Encoding') && declared > 0;
  const wireTotal = encoded ? declared : decodedSize;
  const ratio = wireTotal / Math.max(1, decodedSize);
  onProgress(0, wireTotal);
  if (!response.body) {
    const bytes = await response.arrayBuffer();
    onProgress(wireTotal, wireTotal);
    return bytes;
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    length += value.byteLength;
    onProgress(Math.min(wireTotal, length * ratio), wireTotal);
  }
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out.buffer;
}
