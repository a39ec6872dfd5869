export { loadAmazonMultidomain } from './amazon-multidomain.ts';
export { loadDataset } from './load-dataset.ts';
export type { ReviewRecord } from './review-record.ts';
