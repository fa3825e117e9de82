/**
 * The sequence layers' API beyond the fixture table: Transformer.generateSquareSubsequentMask,
 * Module.deepCopy (what TransformerEncoder/Decoder stack), and the errors of bad arguments and shapes,
 * with PyTorch's messages.
 */
import * as torch from 'cresset';

const { nn } = torch;

test('generateSquareSubsequentMask is -inf above the diagonal and 0 elsewhere, as PyTorch', () => {
  const m = nn.Transformer.generateSquareSubsequentMask(3);
  expect(m.dtype).toBe('float32');
  expect(m.toArray()).toEqual([[0, -Infinity, -Infinity], [0, 0, -Infinity], [0, 0, 0]]);
});

test('deepCopy gives independent parameters and buffers with equal values and the same settings', () => {
  torch.manualSeed(1);
  const net = new nn.Sequential(new nn.Linear(3, 2), new nn.BatchNorm1d(2));
  net.forward(torch.randn([4, 3]));
  const copy = net.deepCopy();
  expect(String(copy)).toBe(String(net));
  const a = net.stateDict();
  const b = copy.stateDict();
  expect(Object.keys(b)).toEqual(Object.keys(a));
  for (const k of Object.keys(a)) expect(b[k].toArray()).toEqual(a[k].toArray());
  const w = copy.parameters()[0];
  torch.noGrad(() => w.fill_(0));
  expect(net.parameters()[0].abs().sum().item()).toBeGreaterThan(0);
  const bn = copy.at(1) as torch.nn.BatchNorm1d;
  expect(bn.runningMean).not.toBe((net.at(1) as torch.nn.BatchNorm1d).runningMean);
  (bn as unknown as Record<string, torch.Tensor>).running_mean = torch.zeros([2]); // the buffer's accessor on the copy
  expect(copy.stateDict()['1.running_mean'].toArray()).toEqual([0, 0]);
  expect(net.stateDict()['1.running_mean'].abs().sum().item()).toBeGreaterThan(0);
});

test('recurrent layers name bad options and shapes as PyTorch does', () => {
  expect(() => new nn.LSTM(3, 4, { projSize: 4 })).toThrow('proj_size has to be smaller than hidden_size');
  expect(() => new nn.RNN(3, 4, { nonlinearity: 'sigmoid' as 'tanh' })).toThrow("Unknown nonlinearity 'sigmoid'");
  expect(() => new nn.GRU(3, 4, { dropout: 1.5 })).toThrow('dropout should be a number in range [0, 1]');
  const lstm = new nn.LSTM(3, 4, 2);
  expect(() => lstm.forward(torch.zeros([5, 2, 6]))).toThrow('input.size(-1) must be equal to input_size. Expected 3, got 6');
  expect(() => lstm.forward(torch.zeros([5, 2, 3]), [torch.zeros([2, 3, 4]), torch.zeros([2, 2, 4])])).toThrow('Expected hidden[0] size (2, 2, 4), got [2, 3, 4]');
  expect(() => lstm.forward(torch.zeros([5, 2, 3]), [torch.zeros([2, 4]), torch.zeros([2, 4])])).toThrow('For batched 3-D input, hx and cx should also be 3-D but got (2-D, 2-D) tensors');
  expect(() => new nn.GRUCell(3, 4).forward(torch.zeros([2, 3]), torch.zeros([3, 4]))).toThrow('expected hidden of shape [2, 4], got [3, 4]');
});

test('attention layers name bad arguments and shapes', () => {
  expect(() => new nn.MultiheadAttention(5, 2)).toThrow('embed_dim must be divisible by num_heads');
  const mha = new nn.MultiheadAttention(4, 2);
  const x = torch.zeros([3, 2, 4]);
  expect(() => mha.forward(x, x, x, { attnMask: torch.zeros([3, 2]) })).toThrow('The shape of the 2D attn_mask is [3, 2], but should be (3, 3).');
  expect(() => mha.forward(x, x, x, { keyPaddingMask: torch.zeros([2, 5], { dtype: 'bool' }) })).toThrow('expecting key_padding_mask shape of (2, 3), but got [2, 5]');
  expect(() => new nn.TransformerEncoderLayer(4, 2, { activation: 'tanh' as 'relu' })).toThrow('activation should be relu/gelu, not tanh');
  const t = new nn.Transformer({ dModel: 4, nhead: 2, numEncoderLayers: 1, numDecoderLayers: 1, dimFeedforward: 8 });
  expect(() => t.forward(torch.zeros([3, 2, 4]), torch.zeros([3, 1, 4]))).toThrow('the batch number of src and tgt must be equal');
});

test('F.lstm, F.gru and F.rnn on a module\'s layerParams give the module\'s results; allWeights lists them per layer and direction', () => {
  const F = nn.functional;
  torch.manualSeed(3);
  const x = torch.randn([4, 2, 3]);
  const lstm = new nn.LSTM(3, 5, 2, { bidirectional: true, projSize: 2 });
  const h0 = torch.randn([4, 2, 2]);
  const c0 = torch.randn([4, 2, 5]);
  const [out, [hn, cn]] = lstm.forward(x, [h0, c0]);
  const [fOut, [fHn, fCn]] = F.lstm(x, [h0, c0], lstm.layerParams(), { bidirectional: true });
  for (const [a, b] of [[out, fOut], [hn, fHn], [cn, fCn]]) expect(a.toArray()).toEqual(b.toArray());
  expect(lstm.allWeights.map((w) => w.length)).toEqual([5, 5, 5, 5]);
  expect(lstm.allWeights[1][4]).toBe((lstm as unknown as Record<string, torch.Tensor>).weight_hr_l0_reverse);
  const gru = new nn.GRU(3, 4, { batchFirst: true, bias: false });
  const xb = x.transpose(0, 1);
  expect(F.gru(xb, torch.zeros([1, 4, 4]), gru.layerParams(), { batchFirst: true })[0].toArray()).toEqual(gru.forward(xb)[0].toArray());
  expect(gru.allWeights.map((w) => w.length)).toEqual([2]);
  const rnn = new nn.RNN(3, 4, { nonlinearity: 'relu' });
  expect(F.rnn(x, torch.zeros([1, 2, 4]), rnn.layerParams(), { nonlinearity: 'relu' })[1].toArray()).toEqual(rnn.forward(x)[1].toArray());
});
