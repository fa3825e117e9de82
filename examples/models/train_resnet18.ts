// Training torchvision's ResNet-18 (torch.models.resnet18) on the embedded CIFAR-like dataset,
// written as the PyTorch script it ports:
//
//   model = torchvision.models.resnet18(num_classes=10)
//   print(torchinfo.summary(model, (1, 3, 32, 32)))
//   train_set = torchvision.datasets.CIFAR10(root, train=True, transform=Normalize((0.5,) * 3, (0.5,) * 3))
//   loader = DataLoader(train_set, batch_size=32, shuffle=True)
//   opt = optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
//   for x, y in loader: opt.zero_grad(); F.cross_entropy(model(x), y).backward(); opt.step()
//
// Run: npx ts-node --transpile-only examples/models/train_resnet18.ts [steps]
// (`cresset train --model resnet18 --num-classes 10 --data synthetic` does the same with progress
// bars, checkpoints, evaluation and a plot).
import * as torch from 'cresset';

const { nn, optim, transforms, datasets } = torch;
const F = nn.functional;
const { DataLoader } = torch.utils.data;

const steps = Number(process.argv[2]) || 20;
torch.manualSeed(0);
const model = torch.models.resnet18({ numClasses: 10 });
console.log(String(torch.summary(model, [1, 3, 32, 32])).split('\n').slice(-5).join('\n'));

const root = datasets.ensureSyntheticCifar('data/synthetic-cifar10');
const trainSet = new datasets.CIFAR10(root, { train: true, transform: new transforms.Normalize([0.5, 0.5, 0.5], [0.5, 0.5, 0.5]) });
const loader = new DataLoader<unknown, [torch.Tensor, torch.Tensor]>(trainSet, { batchSize: 32, shuffle: true });
const opt = new optim.SGD(model.parameters(), { lr: 0.01, momentum: 0.9 });

model.train();
let step = 0;
for (const [x, y] of loader) {
  opt.zeroGrad();
  const loss = F.crossEntropy(model.forward(x), y);
  loss.backward();
  opt.step();
  if (++step % 5 === 0) console.log(`step ${step}: loss ${loss.item().toFixed(4)}`);
  if (step >= steps) break;
}
torch.save(model.stateDict(), 'resnet18.safetensors');
console.log('wrote resnet18.safetensors');
