// "Padding" (../shared/seeds/002): output shapes with and without padding, then a 2x2 kernel on a
// 3x3 input without and with padding 1.
import * as torch from 'cresset';
const { nn } = torch;

function compConv2d(conv2d: torch.nn.Conv2d, X: torch.Tensor): torch.Tensor {
  X = X.reshape([1, 1, ...X.shape]);
  const Y = conv2d.forward(X); // the conv layer takes a 4-dimensional tensor as its input
  return Y.reshape(Y.shape.slice(2));
}

let conv2d = new nn.Conv2d(1, 1, { kernelSize: 3, padding: 1 });
let X = torch.rand([8, 8]);
console.log(compConv2d(conv2d, X).shape);

conv2d = new nn.Conv2d(1, 1, { kernelSize: 3 }); // default padding=0
X = torch.rand([8, 8]);
console.log(compConv2d(conv2d, X).shape);

X = torch.rand([8, 8]);
conv2d = new nn.Conv2d(1, 1, { kernelSize: [5, 3], padding: [2, 1] }); // different vertically and horizontally
console.log(compConv2d(conv2d, X).shape);

// Without padding
conv2d = new nn.Conv2d(1, 1, { kernelSize: [2, 2], bias: false });
conv2d.weight = new nn.Parameter(torch.tensor([[[[0.0, 1.0], [2.0, 3.0]]]]));

X = torch.tensor([[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [6.0, 7.0, 8.0]]);
let output = conv2d.forward(X.reshape([1, 1, ...X.shape]));
console.log(output);

// With padding
conv2d = new nn.Conv2d(1, 1, { kernelSize: [2, 2], bias: false, padding: 1 });
conv2d.weight = new nn.Parameter(torch.tensor([[[[0.0, 1.0], [2.0, 3.0]]]]));
output = conv2d.forward(X.reshape([1, 1, ...X.shape]));
console.log(output);
