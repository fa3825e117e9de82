# A character-level LSTM language model: Embedding -> LSTM -> Linear over the characters of a short
# text, trained with Adam on fixed windows of it, then asked to continue a prompt greedily.
import torch
from torch import nn

text = ("an lstm reads a sequence one step at a time and keeps a memory of what it has seen. "
        "the memory lets it predict the next character from the ones before it. ") * 2
chars = sorted(set(text))
stoi = {c: i for i, c in enumerate(chars)}
data = torch.tensor([stoi[c] for c in text])
print('characters:', len(text), 'vocabulary:', len(chars))


class CharLSTM(nn.Module):
    def __init__(self, vocab, embed, hidden):
        super().__init__()
        self.embed = nn.Embedding(vocab, embed)
        self.lstm = nn.LSTM(embed, hidden, batch_first=True)
        self.head = nn.Linear(hidden, vocab)

    def forward(self, x, state=None):
        out, state = self.lstm(self.embed(x), state)
        return self.head(out), state


torch.manual_seed(0)
model = CharLSTM(len(chars), 16, 32)
print(model)
opt = torch.optim.Adam(model.parameters(), lr=0.02)
loss_fn = nn.CrossEntropyLoss()
seq, batch = 24, 6
starts = [i * seq for i in range(batch)]
x = torch.stack([data[s:s + seq] for s in starts])
y = torch.stack([data[s + 1:s + seq + 1] for s in starts])
for step in range(1, 121):
    logits, _ = model(x)
    loss = loss_fn(logits.reshape(-1, len(chars)), y.reshape(-1))
    opt.zero_grad()
    loss.backward()
    opt.step()
    if step % 20 == 0:
        print(f'step {step:3d}  loss {loss.item():.3f}')

model.eval()
prompt = 'the memory'
with torch.no_grad():
    logits, state = model(torch.tensor([[stoi[c] for c in prompt]]))
    out = prompt
    for _ in range(40):
        nxt = int(logits[0, -1].argmax())
        out += chars[nxt]
        logits, state = model(torch.tensor([[nxt]]), state)
print(repr(out))
