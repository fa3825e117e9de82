/** The per-epoch metrics of a training run and their CSV form (metrics.csv). */
export interface EpochMetrics {
  epoch: number;
  trainLoss: number;
  testLoss: number;
  /** Fraction of test samples classified correctly. */
  testAccuracy: number;
  seconds: number;
}

export const CSV_HEADER = 'epoch,train_loss,test_loss,test_accuracy,seconds';

/** metrics.csv: the header, then one row per epoch. */
export function metricsCsv(rows: EpochMetrics[]): string {
  const line = (m: EpochMetrics) => [m.epoch, m.trainLoss.toFixed(6), m.testLoss.toFixed(6), m.testAccuracy.toFixed(6), m.seconds.toFixed(2)].join(',');
  return [CSV_HEADER, ...rows.map(line)].join('\n') + '\n';
}

/** The line printed after each epoch. */
export function epochLine(m: EpochMetrics, epochs: number): string {
  return `epoch ${m.epoch}/${epochs}: train loss ${m.trainLoss.toFixed(4)}, test loss ${m.testLoss.toFixed(4)}, test accuracy ${(100 * m.testAccuracy).toFixed(2)}% (${m.seconds.toFixed(1)} s)`;
}
