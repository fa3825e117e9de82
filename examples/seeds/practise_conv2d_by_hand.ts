// "Convolution in Practise" (../shared/seeds/001, In [1]): conv2d by hand, applied to a 4x5 image
// and a 2x3 kernel, and checked against F.conv2d.
import * as torch from 'cresset';
const F = torch.nn.functional;

function conv2d(image: torch.Tensor, kernel: torch.Tensor): torch.Tensor {
  const [H, W] = image.shape;
  const [M, N] = kernel.shape;
  const out = torch.zeros([H - M + 1, W - N + 1], { dtype: 'float32' }); // output dimensions
  for (let i = 0; i < H - M + 1; i++) {
    for (let j = 0; j < W - N + 1; j++) {
      out.indexPut_([i, j], torch.sum(image.index([i, i + M], [j, j + N]).mul(kernel))); // convolution
    }
  }
  return out;
}

const image = torch.tensor(Array.from({ length: 20 }, (_, i) => (i * i) % 7)).reshape([4, 5]);
const kernel = torch.tensor([[1.0, 0.0, -1.0], [2.0, 0.0, -2.0]]);
console.log(conv2d(image, kernel));
console.log(F.conv2d(image.reshape([1, 1, 4, 5]), kernel.reshape([1, 1, 2, 3])).reshape([3, 3]));
