/** One benchmark figure, with the baseline it is compared to in the same run. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  baseline: number;
}
