# A small Transformer classifier: token and position embeddings, a 2-layer TransformerEncoder and
# a linear head over the mean of the sequence, trained with Adam to tell whether a sequence of
# digits holds more 7s than 3s. The data come from a fixed linear congruential generator.
import torch
from torch import nn

vocab, seq, n = 10, 12, 96


def make_data(n, seed):
    state, xs = seed, []
    for _ in range(n * seq):
        state = (state * 1103515245 + 12345) % 2 ** 31
        xs.append(state % vocab)
    x = torch.tensor(xs).reshape(n, seq)
    y = ((x == 7).sum(1) > (x == 3).sum(1)).long()
    return x, y


x, y = make_data(n, 1)
x_test, y_test = make_data(48, 2)
print('train', tuple(x.shape), 'positives', int(y.sum()), '| test', tuple(x_test.shape), 'positives', int(y_test.sum()))


class Classifier(nn.Module):
    def __init__(self, d_model=16, nhead=2):
        super().__init__()
        self.tokens = nn.Embedding(vocab, d_model)
        self.positions = nn.Embedding(seq, d_model)
        layer = nn.TransformerEncoderLayer(d_model, nhead, dim_feedforward=32, dropout=0.0, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, 2)
        self.head = nn.Linear(d_model, 2)

    def forward(self, x):
        h = self.tokens(x) + self.positions(torch.arange(x.shape[1]))
        return self.head(self.encoder(h).mean(1))


torch.manual_seed(0)
model = Classifier()
print('parameters:', sum(p.numel() for p in model.parameters()))
opt = torch.optim.Adam(model.parameters(), lr=0.003)
loss_fn = nn.CrossEntropyLoss()
for step in range(1, 81):
    loss = loss_fn(model(x), y)
    opt.zero_grad()
    loss.backward()
    opt.step()
    if step % 20 == 0:
        print(f'step {step:2d}  loss {loss.item():.3f}')

model.eval()
with torch.no_grad():
    acc = (model(x_test).argmax(1) == y_test).float().mean().item()
print(f'test accuracy {acc:.3f}')
