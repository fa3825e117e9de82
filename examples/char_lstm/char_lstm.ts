// A character-level LSTM language model (char_lstm.py, line by line): Embedding -> LSTM -> Linear
// over the characters of a short text, trained with Adam on fixed windows of it, then asked to
// continue a prompt greedily.
import * as torch from 'cresset';

const { nn } = torch;

const text = ('an lstm reads a sequence one step at a time and keeps a memory of what it has seen. ' +
  'the memory lets it predict the next character from the ones before it. ').repeat(2);
const chars = [...new Set(text)].sort();
const stoi = new Map(chars.map((c, i) => [c, i]));
const data = torch.tensor([...text].map((c) => stoi.get(c)!), { dtype: 'int64' }); // JS numbers would make float32
console.log('characters:', text.length, 'vocabulary:', chars.length);

class CharLSTM extends nn.Module {
  embed: torch.nn.Embedding;
  lstm: torch.nn.LSTM;
  head: torch.nn.Linear;
  constructor(vocab: number, embed: number, hidden: number) {
    super();
    this.embed = new nn.Embedding(vocab, embed);
    this.lstm = new nn.LSTM(embed, hidden, { batchFirst: true });
    this.head = new nn.Linear(hidden, vocab);
  }

  forward(x: torch.Tensor, state: [torch.Tensor, torch.Tensor] | null = null): [torch.Tensor, [torch.Tensor, torch.Tensor]] {
    const [out, next] = this.lstm.forward(this.embed.forward(x), state);
    return [this.head.forward(out), next];
  }
}

torch.manualSeed(0);
const model = new CharLSTM(chars.length, 16, 32);
console.log(String(model));
const opt = new torch.optim.Adam(model.parameters(), { lr: 0.02 });
const lossFn = new nn.CrossEntropyLoss();
const [seq, batch] = [24, 6];
const starts = Array.from({ length: batch }, (_, i) => i * seq);
const x = torch.stack(starts.map((s) => data.narrow(0, s, seq)));
const y = torch.stack(starts.map((s) => data.narrow(0, s + 1, seq)));
for (let step = 1; step <= 120; step++) {
  const [logits] = model.forward(x);
  const loss = lossFn.forward(logits.reshape(-1, chars.length), y.reshape(-1));
  opt.zeroGrad();
  loss.backward();
  opt.step();
  if (step % 20 === 0) console.log(`step ${String(step).padStart(3)}  loss ${loss.item().toFixed(3)}`);
}

model.eval();
const prompt = 'the memory';
let out = prompt;
torch.noGrad(() => {
  let [logits, state] = model.forward(torch.tensor([[...prompt].map((c) => stoi.get(c)!)], { dtype: 'int64' }));
  for (let i = 0; i < 40; i++) {
    const nxt = logits.select(0, 0).select(0, logits.shape[1] - 1).argmax().item() as number;
    out += chars[nxt];
    [logits, state] = model.forward(torch.tensor([[nxt]], { dtype: 'int64' }), state);
  }
});
console.log(`'${out}'`);
