import { DataType, encodeModel } from '@polarity/model-export/onnx-model';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { prewarmModel } from '../src/worker/prewarm-model.ts';

describe('the prewarm model', () => {
  it('is what model-export encodes for one Identity node', () => {
    const encoded = encodeModel(
      {
        name: 'prewarm',
        docString: '',
        nodes: [{ op: 'Identity', inputs: ['input_ids'], outputs: ['output'] }],
        initializers: [],
        inputs: [{ name: 'input_ids', elemType: DataType.int64, dims: ['batch', 'sequence'] }],
        outputs: [{ name: 'output', elemType: DataType.int64, dims: ['batch', 'sequence'] }],
        opset: 17,
      },
      'prewarm',
    );
    expect(Buffer.from(prewarmModel()).equals(Buffer.from(encoded))).toBe(true);
  });

  it('runs in onnxruntime and gives its input back', async () => {
    const session = await ort.InferenceSession.create(prewarmModel());
    const input = new ort.Tensor('int64', BigInt64Array.from([3n, 1n, 4n]), [1, 3]);
    const { output } = await session.run({ input_ids: input });
    expect(Array.from(output!.data as BigInt64Array)).toEqual([3n, 1n, 4n]);
    await session.release();
  });
});
