/**
 * The cresset side of the sequence benchmarks: a training step (forward, MSE loss to a fixed
 * random target, backward, SGD) of an LSTM (2 layers, hidden 256, sequence 64, batch 32) and of
 * a TransformerEncoder (4 layers, d_model 256, 8 heads, feed-forward 1024, sequence 128, batch 16).
 * The same work as bench/pytorch_sequence.py, which takes the same sizes.
 */
import * as torch from 'cresset';
import { medianSeconds } from './timing';

const { nn } = torch;
const F = nn.functional;

export interface SequenceSizes {
  lstm: { layers: number; hidden: number; seq: number; batch: number };
  encoder: { layers: number; dModel: number; heads: number; feedforward: number; seq: number; batch: number };
}

export const SEQUENCE_SIZES: SequenceSizes = {
  lstm: { layers: 2, hidden: 256, seq: 64, batch: 32 },
  encoder: { layers: 4, dModel: 256, heads: 8, feedforward: 1024, seq: 128, batch: 16 },
};

export interface SequenceTimes {
  lstmTrainMs: number;
  encoderTrainMs: number;
}

/** Median milliseconds of one training step of a model on x against target. */
function trainStepMs(model: torch.nn.Module, run: (x: torch.Tensor) => torch.Tensor, x: torch.Tensor, target: torch.Tensor, seconds: number): number {
  const opt = new torch.optim.SGD(model.parameters(), { lr: 0.01 });
  return 1e3 * medianSeconds(() => {
    opt.zeroGrad();
    F.mseLoss(run(x), target).backward();
    opt.step();
  }, seconds);
}

export function timeSequence(seconds: number, sizes: SequenceSizes = SEQUENCE_SIZES): SequenceTimes {
  torch.manualSeed(0);
  const l = sizes.lstm;
  const lstm = new nn.LSTM(l.hidden, l.hidden, l.layers);
  const lx = torch.randn([l.seq, l.batch, l.hidden]);
  const lstmTrainMs = trainStepMs(lstm, (x) => lstm.forward(x)[0], lx, torch.randn([l.seq, l.batch, l.hidden]), seconds);
  const e = sizes.encoder;
  const encoder = new nn.TransformerEncoder(new nn.TransformerEncoderLayer(e.dModel, e.heads, { dimFeedforward: e.feedforward }), e.layers);
  const ex = torch.randn([e.seq, e.batch, e.dModel]);
  const encoderTrainMs = trainStepMs(encoder, (x) => encoder.forward(x), ex, torch.randn([e.seq, e.batch, e.dModel]), seconds);
  return { lstmTrainMs, encoderTrainMs };
}
