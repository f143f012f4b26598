// The part of autocannon's API the HTTP benchmark uses (the package ships no type declarations).
declare module 'autocannon' {
  interface Options {
    url: string;
    method?: string;
    connections?: number;
    workers?: number;
    duration?: number;
    headers?: Record<string, string>;
    body?: string;
  }
  interface Histogram {
    average: number;
    p50: number;
    p99: number;
  }
  interface Result {
    requests: Histogram;
    latency: Histogram;
    errors: number;
    non2xx: number;
  }
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
