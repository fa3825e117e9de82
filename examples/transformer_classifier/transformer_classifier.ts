// A small Transformer classifier (transformer_classifier.py, line by line): token and position
// embeddings, a 2-layer TransformerEncoder and a linear head over the mean of the sequence, trained
// with Adam to tell whether a sequence of digits holds more 7s than 3s. The data come from a fixed
// linear congruential generator.
import * as torch from 'cresset';

const { nn } = torch;
const [vocab, seq, n] = [10, 12, 96];

function makeData(n: number, seed: number): [torch.Tensor, torch.Tensor] {
  let state = BigInt(seed); // the products pass 2^53: BigInt keeps Python's exact integers
  const xs: number[] = [];
  for (let i = 0; i < n * seq; i++) {
    state = (state * 1103515245n + 12345n) % 2n ** 31n;
    xs.push(Number(state % BigInt(vocab)));
  }
  const x = torch.tensor(xs, { dtype: 'int64' }).reshape(n, seq);
  const y = x.eq(7).sum(1).gt(x.eq(3).sum(1)).long();
  return [x, y];
}

const [x, y] = makeData(n, 1);
const [xTest, yTest] = makeData(48, 2);
const tuple = (s: readonly number[]) => `(${s.join(', ')})`;
console.log('train', tuple(x.shape), 'positives', y.sum().item(), '| test', tuple(xTest.shape), 'positives', yTest.sum().item());

class Classifier extends nn.Module {
  tokens: torch.nn.Embedding;
  positions: torch.nn.Embedding;
  encoder: torch.nn.TransformerEncoder;
  head: torch.nn.Linear;
  constructor(dModel = 16, nhead = 2) {
    super();
    this.tokens = new nn.Embedding(vocab, dModel);
    this.positions = new nn.Embedding(seq, dModel);
    const layer = new nn.TransformerEncoderLayer(dModel, nhead, { dimFeedforward: 32, dropout: 0.0, batchFirst: true });
    this.encoder = new nn.TransformerEncoder(layer, 2);
    this.head = new nn.Linear(dModel, 2);
  }

  forward(x: torch.Tensor): torch.Tensor {
    const h = this.tokens.forward(x).add(this.positions.forward(torch.arange(x.shape[1], { dtype: 'int64' })));
    return this.head.forward(this.encoder.forward(h).mean(1));
  }
}

torch.manualSeed(0);
const model = new Classifier();
console.log('parameters:', model.parameters().reduce((s, p) => s + p.numel(), 0));
const opt = new torch.optim.Adam(model.parameters(), { lr: 0.003 });
const lossFn = new nn.CrossEntropyLoss();
for (let step = 1; step <= 80; step++) {
  const loss = lossFn.forward(model.forward(x), y);
  opt.zeroGrad();
  loss.backward();
  opt.step();
  if (step % 20 === 0) console.log(`step ${String(step).padStart(2)}  loss ${loss.item().toFixed(3)}`);
}

model.eval();
const acc = torch.noGrad(() => model.forward(xTest).argmax(1).eq(yTest).float().mean().item());
console.log(`test accuracy ${acc.toFixed(3)}`);
