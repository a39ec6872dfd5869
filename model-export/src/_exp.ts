import { loadDataset } from './data/load-dataset.ts';
import { buildVocabulary } from './tokenizer/build-vocabulary.ts';
import { materializeTokenizer } from './tokenizer/load-tokenizer.ts';
import { createReviewTokenizer } from '@polarity/core/inference';
import { toSparseDoc, featureCount, bigramIndex } from './train/features.ts';
import { fitLogistic } from './train/fit-logistic.ts';
import { score, sigmoid } from './train/linear-model.ts';
import { fitTemperature } from './train/temperature.ts';
import { accuracy, expectedCalibrationError } from './evaluate/metrics.ts';
const recs = await loadDataset('/work/shared/data/amazon-multidomain', { skipBad: false });
const train = recs.filter(r => r.split === 'train'), val = recs.filter(r => r.split === 'validation'), test = recs.filter(r => r.split === 'test');
const maxLen = Number(process.env.ML ?? 512);
const vocab = buildVocabulary(train.flatMap(r => [r.text, r.title]), 2, 50000);
const tok = createReviewTokenizer(await materializeTokenizer(vocab, maxLen), { maxLength: maxLen, unkTokenId: 1 });
const space = { vocabSize: vocab.length + 2, bigramBuckets: Number(process.env.H ?? 1 << 20), bigramPrime: 1000003 };
const enc = (t: string) => toSparseDoc(space, tok.encode(t).ids);
const trDocs = [...train.map(r => enc(r.text)), ...train.map(r => enc(r.title))];
const trLab = [...train.map(r => r.label), ...train.map(r => r.label)];
const vDocs = val.map(r => enc(r.text)), vLab = val.map(r => r.label);
const vT = val.map(r => enc(r.title));
const teDocs = test.map(r => enc(r.text)), teT = test.map(r => enc(r.title)), teLab = test.map(r => r.label);
const df = new Uint32Array(featureCount(space));
for (const d of trDocs) for (const i of d.indices) df[i]++;
const minDf = Number(process.env.MINDF ?? 2);
const trainable = Uint8Array.from(df, (c, i) => i < space.vocabSize ? 1 : c >= minDf ? 1 : 0);
console.log('trainable buckets', trainable.reduce((a, b) => a + b, 0) - space.vocabSize);
for (const alpha of (process.env.ALPHA ?? '0.5').split(',').map(Number))
for (const lr of (process.env.LR ?? '0.1').split(',').map(Number))
for (const l2 of (process.env.L2 ?? '1e-5').split(',').map(Number)) {
  const t0 = performance.now();
  const { model, bestEpoch } = fitLogistic(trDocs, trLab, { featureCount: featureCount(space), trainable, alpha, epochs: 30, learningRate: lr, l2, seed: 1, patience: 4,
    onEpoch: (e, loss, m) => accuracy(vDocs.map(d => sigmoid(score(m, d))), vLab) + accuracy(vT.map(d => sigmoid(score(m, d))), vLab) * Number(process.env.TW ?? 0.5) });
  const vs = vDocs.map(d => score(model, d));
  const T = fitTemperature(vs, vLab);
  const p = (ds: any[]) => ds.map(d => sigmoid(score(model, d) / T));
  console.log(JSON.stringify({ alpha, lr, l2, bestEpoch, T: +T.toFixed(3), val: accuracy(p(vDocs), vLab), valT: accuracy(p(vT), vLab), test: accuracy(p(teDocs), teLab), title: accuracy(p(teT), teLab), ece: +expectedCalibrationError(p(teDocs), teLab).toFixed(4), s: ((performance.now() - t0) / 1000).toFixed(1) }));
}
