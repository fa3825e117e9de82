/** The files a training run writes besides weights: metrics.csv and the SVG plot; and the train options. */
import { CSV_HEADER, metricsCsv } from '../../src/cli/metrics';
import { plotMetrics } from '../../src/cli/plot';
import { parseTrainArgs } from '../../src/cli/train_command';

const rows = [
  { epoch: 1, trainLoss: 1.5, testLoss: 1.25, testAccuracy: 0.5, seconds: 10.123 },
  { epoch: 2, trainLoss: 1.0, testLoss: 1.125, testAccuracy: 0.625, seconds: 9.5 },
];

test('metrics.csv has the header and one row per epoch, accuracy as a fraction', () => {
  expect(metricsCsv(rows)).toBe(`${CSV_HEADER}\n1,1.500000,1.250000,0.500000,10.12\n2,1.000000,1.125000,0.625000,9.50\n`);
  expect(CSV_HEADER).toBe('epoch,train_loss,test_loss,test_accuracy,seconds');
});

test('the plot is an SVG with title, run line, axis titles, a legend and the three curves in their colours', async () => {
  const svg = await plotMetrics(rows, { title: 'lenet on synthetic', run: 'run out: sgd lr 0.01, batch 64, seed 0' });
  expect(svg.startsWith('<svg')).toBe(true);
  const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
  for (const t of ['lenet on synthetic', 'run out: sgd lr 0.01, batch 64, seed 0', 'epoch', 'loss (cross-entropy)', 'test accuracy', 'train loss', 'test loss', '50%', '60%']) {
    expect([t, texts.includes(t)]).toEqual([t, true]);
  }
  expect(texts.filter((t) => /^\d+$/.test(t))).toEqual(['1', '2']);   // one tick per epoch, whole numbers only
  // one line per series, in matplotlib's colours: train loss blue, test loss orange, accuracy green
  for (const colour of ['#1f77b4', '#ff7f0e', '#2ca02c']) {
    expect([colour, new RegExp(`<path[^>]*stroke="${colour}"`).test(svg)]).toEqual([colour, true]);
  }
});

test('train options: defaults, negative seeds, and bad values named', () => {
  const cfg = parseTrainArgs(['--epochs', '3', '--data', 'fashion-mnist:/d', '--lr', '0.05', '--resume']);
  expect(cfg).toEqual({
    model: 'lenet', numClasses: 10, data: 'fashion-mnist:/d', epochs: 3, batchSize: 64, lr: 0.05, optimizer: 'sgd', momentum: 0.9, weightDecay: 0,
    seed: 0, out: 'out', resume: true, workers: 0, cacheDir: undefined, compile: true,
  });
  expect(parseTrainArgs(['--no-compile']).compile).toBe(false);
  expect(parseTrainArgs(['--seed', '-1']).seed).toBe(-1);
  expect(() => parseTrainArgs(['--epochs', '2.5'])).toThrow("error: option '--epochs <n>' argument '2.5' is invalid. expected an integer >= 1");
  expect(() => parseTrainArgs(['--lr', 'fast'])).toThrow("error: option '--lr <rate>' argument 'fast' is invalid. expected a number >= 0");
  expect(() => parseTrainArgs(['--lr', '-1'])).toThrow("error: option '--lr <rate>' argument '-1' is invalid. expected a number >= 0");
  expect(() => parseTrainArgs(['--optimizer', 'adamm'])).toThrow("error: option '--optimizer <name>' argument 'adamm' is invalid. Allowed choices are sgd, adam, adamw, rmsprop, adagrad.");
  expect(() => parseTrainArgs(['--bogus'])).toThrow("error: unknown option '--bogus'");
});
