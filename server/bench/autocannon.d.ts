/** The slice of autocannon's API the benches use (the package ships no types). */
declare module 'autocannon' {
  interface Histogram {
    average: number;
    mean: number;
    p50: number;
    p99: number;
    max: number;
  }
  interface Request {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
    setupRequest?: (request: Request) => Request;
  }
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    amount?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    requests?: Request[];
  }
  export interface Result {
    requests: Histogram & { total: number };
    latency: Histogram;
    '2xx': number;
    non2xx: number;
    errors: number;
    timeouts: number;
    /** seconds from the start to autocannon's first once-a-second tick after the last answer */
    duration: number;
  }
  /** A run: awaited for its result; emits `response` as each answer arrives. */
  export interface Instance extends PromiseLike<Result> {
    on(event: 'response', listener: () => void): this;
  }
  export default function autocannon(options: Options): Instance;
}
