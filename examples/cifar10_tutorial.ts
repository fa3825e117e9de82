// PyTorch's CIFAR-10 tutorial ("Training a Classifier"), ported line by line: each Python line is
// in the comment beside (or above) its TypeScript. It runs on a small draw of the embedded
// CIFAR-like dataset (2,500 training and 500 test images, written once under ./data in CIFAR-10's
// binary format, so the same CIFAR10 reader loads it), since the real CIFAR-10 is a download:
// `root` and the print interval (every 200 of 625 mini-batches, where the tutorial prints every
// 2000 of 12,500) are all that change for it.
// Run: npx ts-node --transpile-only examples/cifar10_tutorial.ts (expected output beside it).
import * as os from 'os';
import * as path from 'path';
import * as torch from 'cresset';                                 // import torch
const { datasets } = torch;                                       // import torchvision
const { transforms } = torch;                                     // import torchvision.transforms as transforms

torch.manualSeed(0);                                              // (added: the same run every time)
const root = datasets.ensureSyntheticCifar('./data/synthetic-cifar10-small', { perTrainFile: 500, testSize: 500 });

const transform = new transforms.Compose([                        // transform = transforms.Compose(
  new transforms.ToTensor(),                                      //     [transforms.ToTensor(),
  new transforms.Normalize([0.5, 0.5, 0.5], [0.5, 0.5, 0.5])]);   //      transforms.Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5))])

const batchSize = 4;                                              // batch_size = 4

const trainset = new datasets.CIFAR10(root, { train: true,        // trainset = torchvision.datasets.CIFAR10(root='./data', train=True,
  transform });                                                   //                                         download=True, transform=transform)
const trainloader = new torch.utils.data.DataLoader(trainset, {   // trainloader = torch.utils.data.DataLoader(trainset, batch_size=batch_size,
  batchSize, shuffle: true });                                    //                                           shuffle=True, num_workers=2)

const testset = new datasets.CIFAR10(root, { train: false,        // testset = torchvision.datasets.CIFAR10(root='./data', train=False,
  transform });                                                   //                                        download=True, transform=transform)
const testloader = new torch.utils.data.DataLoader(testset, {     // testloader = torch.utils.data.DataLoader(testset, batch_size=batch_size,
  batchSize, shuffle: false });                                   //                                          shuffle=False, num_workers=2)

const classes = datasets.SYNTHETIC_CLASSES;                       // classes = ('plane', 'car', 'bird', 'cat', ...)

const { nn } = torch;                                             // import torch.nn as nn
const F = nn.functional;                                          // import torch.nn.functional as F

class Net extends nn.Module {                                     // class Net(nn.Module):
  conv1: torch.nn.Conv2d; pool: torch.nn.MaxPool2d; conv2: torch.nn.Conv2d;
  fc1: torch.nn.Linear; fc2: torch.nn.Linear; fc3: torch.nn.Linear;
  constructor() {                                                 //     def __init__(self):
    super();                                                      //         super().__init__()
    this.conv1 = new nn.Conv2d(3, 6, 5);                          //         self.conv1 = nn.Conv2d(3, 6, 5)
    this.pool = new nn.MaxPool2d(2, 2);                           //         self.pool = nn.MaxPool2d(2, 2)
    this.conv2 = new nn.Conv2d(6, 16, 5);                         //         self.conv2 = nn.Conv2d(6, 16, 5)
    this.fc1 = new nn.Linear(16 * 5 * 5, 120);                    //         self.fc1 = nn.Linear(16 * 5 * 5, 120)
    this.fc2 = new nn.Linear(120, 84);                            //         self.fc2 = nn.Linear(120, 84)
    this.fc3 = new nn.Linear(84, 10);                             //         self.fc3 = nn.Linear(84, 10)
  }

  forward(x: torch.Tensor): torch.Tensor {                        //     def forward(self, x):
    x = this.pool.forward(F.relu(this.conv1.forward(x)));         //         x = self.pool(F.relu(self.conv1(x)))
    x = this.pool.forward(F.relu(this.conv2.forward(x)));         //         x = self.pool(F.relu(self.conv2(x)))
    x = torch.flatten(x, 1);                                      //         x = torch.flatten(x, 1) # flatten all dimensions except batch
    x = F.relu(this.fc1.forward(x));                              //         x = F.relu(self.fc1(x))
    x = F.relu(this.fc2.forward(x));                              //         x = F.relu(self.fc2(x))
    x = this.fc3.forward(x);                                      //         x = self.fc3(x)
    return x;                                                     //         return x
  }
}

let net = new Net();                                              // net = Net()

const { optim } = torch;                                          // import torch.optim as optim

const criterion = new nn.CrossEntropyLoss();                      // criterion = nn.CrossEntropyLoss()
const optimizer = new optim.SGD(net.parameters(), { lr: 0.001, momentum: 0.9 });   // optimizer = optim.SGD(net.parameters(), lr=0.001, momentum=0.9)

for (let epoch = 0; epoch < 2; epoch++) {                         // for epoch in range(2):  # loop over the dataset multiple times

  let runningLoss = 0.0;                                          //     running_loss = 0.0
  for (const [i, data] of [...trainloader].entries()) {           //     for i, data in enumerate(trainloader, 0):
    // get the inputs; data is a list of [inputs, labels]
    const [inputs, labels] = data;                                //         inputs, labels = data

    // zero the parameter gradients
    optimizer.zeroGrad();                                         //         optimizer.zero_grad()

    // forward + backward + optimize
    const outputs = net.forward(inputs);                          //         outputs = net(inputs)
    const loss = criterion.forward(outputs, labels);              //         loss = criterion(outputs, labels)
    loss.backward();                                              //         loss.backward()
    optimizer.step();                                             //         optimizer.step()

    // print statistics
    runningLoss += loss.item();                                   //         running_loss += loss.item()
    if (i % 200 === 199) {                                        //         if i % 2000 == 1999:    # print every 2000 mini-batches
      console.log(`[${epoch + 1}, ${String(i + 1).padStart(5)}] loss: ${(runningLoss / 200).toFixed(3)}`);   // print(f'[{epoch + 1}, {i + 1:5d}] loss: {running_loss / 2000:.3f}')
      runningLoss = 0.0;                                          //             running_loss = 0.0
    }
  }
}

console.log('Finished Training');                                 // print('Finished Training')

const PATH = path.join(os.tmpdir(), 'cifar_net.safetensors');     // PATH = './cifar_net.pth'
torch.save(net.stateDict(), PATH);                                // torch.save(net.state_dict(), PATH)

const dataiter = testloader[Symbol.iterator]();                   // dataiter = iter(testloader)
let [images, labels] = dataiter.next().value!;                    // images, labels = next(dataiter)
console.log('GroundTruth: ', [0, 1, 2, 3].map((j) => classes[labels.index(j).item()].padEnd(5)).join(' '));   // print('GroundTruth: ', ' '.join(f'{classes[labels[j]]:5s}' for j in range(4)))

net = new Net();                                                  // net = Net()
net.loadStateDict(torch.load(PATH));                              // net.load_state_dict(torch.load(PATH))
let outputs = net.forward(images);                                // outputs = net(images)
let [, predicted] = torch.max(outputs, 1);                        // _, predicted = torch.max(outputs, 1)
console.log('Predicted: ', [0, 1, 2, 3].map((j) => classes[predicted.index(j).item()].padEnd(5)).join(' '));   // print('Predicted: ', ' '.join(f'{classes[predicted[j]]:5s}' for j in range(4)))

let correct = 0;                                                  // correct = 0
let total = 0;                                                    // total = 0
torch.noGrad(() => {                                              // with torch.no_grad():
  for (const data of testloader) {                                //     for data in testloader:
    [images, labels] = data;                                      //         images, labels = data
    outputs = net.forward(images);                                //         outputs = net(images)
    [, predicted] = torch.max(outputs.data, 1);                   //         _, predicted = torch.max(outputs.data, 1)
    total += labels.size(0);                                      //         total += labels.size(0)
    correct += predicted.eq(labels).sum().item();                 //         correct += (predicted == labels).sum().item()
  }
});

console.log(`Accuracy of the network on the ${total} test images: ${Math.floor(100 * correct / total)} %`);   // print(f'Accuracy of the network on the 10000 test images: {100 * correct // total} %')

const correctPred = Object.fromEntries(classes.map((classname) => [classname, 0]));   // correct_pred = {classname: 0 for classname in classes}
const totalPred = Object.fromEntries(classes.map((classname) => [classname, 0]));     // total_pred = {classname: 0 for classname in classes}
torch.noGrad(() => {                                              // with torch.no_grad():
  for (const data of testloader) {                                //     for data in testloader:
    [images, labels] = data;                                      //         images, labels = data
    outputs = net.forward(images);                                //         outputs = net(images)
    const [, predictions] = torch.max(outputs, 1);                //         _, predictions = torch.max(outputs, 1)
    for (const [k, label] of [...labels].entries()) {             //         for label, prediction in zip(labels, predictions):
      const prediction = predictions.index(k);
      if (label.item() === prediction.item()) {                   //             if label == prediction:
        correctPred[classes[label.item()]] += 1;                  //                 correct_pred[classes[label]] += 1
      }
      totalPred[classes[label.item()]] += 1;                      //             total_pred[classes[label]] += 1
    }
  }
});

for (const [classname, correctCount] of Object.entries(correctPred)) {   // for classname, correct_count in correct_pred.items():
  const accuracy = 100 * correctCount / totalPred[classname];     //     accuracy = 100 * float(correct_count) / total_pred[classname]
  console.log(`Accuracy for class: ${classname.padEnd(5)} is ${accuracy.toFixed(1)} %`);   //     print(f'Accuracy for class: {classname:5s} is {accuracy:.1f} %')
}
