/** Limits every route enforces; documented in the API reference (`/docs`). */
export const limits = {
  /** characters of one review */
  maxTextLength: 20_000,
  /** bytes of one request body */
  maxBodyBytes: 1024 * 1024,
  /** events in one `POST /api/events` batch */
  maxEventsPerBatch: 500,
  /** texts in one `POST /api/predict` call */
  maxPredictBatch: 64,
  /** characters of a client id */
  maxClientIdLength: 64,
} as const;
