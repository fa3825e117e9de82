"""PyTorch side of the sequence benchmarks: the same LSTM and TransformerEncoder training steps
(forward, MSE loss to a fixed random target, backward, SGD) that bench/sequence.ts times in
cresset, with the same sizes and thread count.
Usage: python3 bench/pytorch_sequence.py <threads> <seconds> '<sizes as JSON>'; prints one JSON object."""
import json
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

from pytorch_lenet import median_seconds


def train_step_ms(model, run, x, target, seconds):
    opt = torch.optim.SGD(model.parameters(), lr=0.01)

    def step():
        opt.zero_grad()
        F.mse_loss(run(x), target).backward()
        opt.step()

    return 1e3 * median_seconds(step, seconds)


def main():
    threads, seconds, sizes = int(sys.argv[1]), float(sys.argv[2]), json.loads(sys.argv[3])
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    l = sizes['lstm']
    lstm = nn.LSTM(l['hidden'], l['hidden'], l['layers'])
    lx = torch.randn(l['seq'], l['batch'], l['hidden'])
    out = {'threads': threads, 'torch': torch.__version__}
    out['lstm_train_ms'] = train_step_ms(lstm, lambda x: lstm(x)[0], lx, torch.randn(l['seq'], l['batch'], l['hidden']), seconds)
    e = sizes['encoder']
    encoder = nn.TransformerEncoder(nn.TransformerEncoderLayer(e['dModel'], e['heads'], dim_feedforward=e['feedforward']), e['layers'])
    ex = torch.randn(e['seq'], e['batch'], e['dModel'])
    out['encoder_train_ms'] = train_step_ms(encoder, encoder, ex, torch.randn(e['seq'], e['batch'], e['dModel']), seconds)
    print(json.dumps(out))


if __name__ == '__main__':
    main()
