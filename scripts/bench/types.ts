export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  target?: string;
}

export type BenchFn = (opts: { quick?: boolean }) => Promise<BenchResult[]>;
