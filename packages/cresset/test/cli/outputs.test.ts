/** The files a training run writes besides weights: metrics.csv and the PNG plot; and the train options. */
import { PNG } from 'pngjs';
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

test('the plot is a PNG with the three curves in their colours', () => {
  const png = PNG.sync.read(plotMetrics(rows));
  expect([png.width, png.height]).toEqual([900, 380]);
  const count = (rgb: number[]) => {
    let n = 0;
    for (let i = 0; i < png.data.length; i += 4) if (png.data[i] === rgb[0] && png.data[i + 1] === rgb[1] && png.data[i + 2] === rgb[2]) n++;
    return n;
  };
  // train loss blue, test loss orange, accuracy green: each a curve of many pixels
  for (const c of [[31, 119, 180], [255, 127, 14], [44, 160, 44]]) expect(count(c)).toBeGreaterThan(200);
});

test('train options: defaults, negative seeds, and bad values named', () => {
  const cfg = parseTrainArgs(['--epochs', '3', '--data', 'fashion-mnist:/d', '--lr', '0.05', '--resume']);
  expect(cfg).toEqual({
    model: 'lenet', data: 'fashion-mnist:/d', epochs: 3, batchSize: 64, lr: 0.05, optimizer: 'sgd', momentum: 0.9, weightDecay: 0,
    seed: 0, out: 'out', resume: true, workers: 0, cacheDir: undefined,
  });
  expect(parseTrainArgs(['--seed', '-1']).seed).toBe(-1);
  expect(() => parseTrainArgs(['--epochs', '2.5'])).toThrow("error: option '--epochs <n>' argument '2.5' is invalid. expected an integer >= 1");
  expect(() => parseTrainArgs(['--lr', 'fast'])).toThrow("error: option '--lr <rate>' argument 'fast' is invalid. expected a number >= 0");
  expect(() => parseTrainArgs(['--lr', '-1'])).toThrow("error: option '--lr <rate>' argument '-1' is invalid. expected a number >= 0");
  expect(() => parseTrainArgs(['--optimizer', 'adamm'])).toThrow("error: option '--optimizer <name>' argument 'adamm' is invalid. Allowed choices are sgd, adam, adamw, rmsprop, adagrad.");
  expect(() => parseTrainArgs(['--bogus'])).toThrow("error: unknown option '--bogus'");
});
