// Training LeNet on Fashion-MNIST, written as the PyTorch script it ports line by line:
//
//   transform = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.2860,), (0.3530,))])
//   train_set = torchvision.datasets.FashionMNIST(root, train=True, transform=transform)
//   loader = DataLoader(train_set, batch_size=64, shuffle=True)
//   model = LeNet(); opt = optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
//   for epoch in range(3): for x, y in loader: opt.zero_grad(); F.cross_entropy(model(x), y).backward(); opt.step()
//   torch.save(model.state_dict(), 'lenet.safetensors')
//
// Run: npx ts-node --transpile-only examples/lenet/train.ts [/usr/share/datasets/fashion-mnist]
// (the `cresset train` command line does the same with progress bars, checkpoints and a plot).
import * as torch from 'cresset';
import { LeNet } from './model';

const { nn, optim, transforms, datasets } = torch;
const F = nn.functional;
const { DataLoader } = torch.utils.data;

const root = process.argv[2] ?? '/usr/share/datasets/fashion-mnist';
torch.manualSeed(0);
const transform = new transforms.Compose([new transforms.ToTensor(), new transforms.Normalize([0.286], [0.353])]);
const trainSet = new datasets.FashionMNIST(root, { train: true, transform });
const testSet = new datasets.FashionMNIST(root, { train: false, transform });
const trainLoader = new DataLoader<unknown, [torch.Tensor, torch.Tensor]>(trainSet, { batchSize: 64, shuffle: true });
const testLoader = new DataLoader<unknown, [torch.Tensor, torch.Tensor]>(testSet, { batchSize: 1000 });

const model = new LeNet({ inChannels: 1, padding: 2 });
const opt = new optim.SGD(model.parameters(), { lr: 0.01, momentum: 0.9 });

for (let epoch = 1; epoch <= 3; epoch++) {
  model.train();
  for (const [x, y] of trainLoader) {
    opt.zeroGrad();
    const loss = F.crossEntropy(model.forward(x), y);
    loss.backward();
    opt.step();
  }
  model.eval();
  let correct = 0;
  torch.noGrad(() => {
    for (const [x, y] of testLoader) correct += model.forward(x).argmax(1).eq(y).sum().item() as number;
  });
  console.log(`epoch ${epoch}: test accuracy ${((100 * correct) / testSet.length).toFixed(2)}%`);
}
torch.save(model.stateDict(), 'lenet.safetensors');
