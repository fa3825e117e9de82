/** Progress off a terminal: a plain line once every `everySeconds`, none for the last batch (the epoch line follows). */
import { startEpochProgress } from '../../src/cli/progress';

test('plain lines come every few seconds of the clock, with batch, speed and loss', () => {
  let t = 0;
  const lines: string[] = [];
  const p = startEpochProgress({ epoch: 2, epochs: 3, batches: 10, write: (s) => lines.push(s), everySeconds: 5, terminal: false, now: () => t });
  for (let batch = 1; batch <= 10; batch++) {
    t = batch * 2000;   // each batch of 64 takes 2 s
    p.update(batch, batch * 64, 1 / batch);
  }
  p.stop();
  // at 6 s (batch 3), 12 s (batch 6), 18 s (batch 9); batch 10 is the last
  expect(lines).toEqual([
    'epoch 2/3 batch 3/10 | 32 samples/s | loss 0.3333',
    'epoch 2/3 batch 6/10 | 32 samples/s | loss 0.1667',
    'epoch 2/3 batch 9/10 | 32 samples/s | loss 0.1111',
  ]);
});
