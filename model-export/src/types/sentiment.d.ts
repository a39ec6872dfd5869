/** The slice of the untyped `sentiment` package (AFINN-165) the baseline uses. */
declare module 'sentiment' {
  export default class Sentiment {
    analyze(text: string): { score: number; comparative: number };
  }
}
