// "Convolution in 2D" (../shared/seeds/004): five hand-made 3x3 filters (identity, box blur,
// vertical edges, horizontal edges, Laplacian) on image 12 of the Fashion-MNIST training set
// (28x28, pixel values 0..255, as mnist_train.data[12]); prints the output size and, per filter,
// ten values of the middle row.
import * as torch from 'cresset';

const train = new torch.datasets.FashionMNIST('/usr/share/datasets/fashion-mnist', { train: true });
const pixels = train.pixels.subarray(12 * 28 * 28, 13 * 28 * 28);
const x = torch.tensor(Array.from(pixels)).view(1, 1, 28, 28);

const weight = torch.empty(5, 1, 3, 3);
weight.indexPut_([0, 0], torch.tensor([[0, 0, 0], [0, 1, 0], [0, 0, 0]]));
weight.indexPut_([1, 0], torch.tensor([[1, 1, 1], [1, 1, 1], [1, 1, 1]]));
weight.indexPut_([2, 0], torch.tensor([[-1, 0, 1], [-1, 0, 1], [-1, 0, 1]]));
weight.indexPut_([3, 0], torch.tensor([[-1, -1, -1], [0, 0, 0], [1, 1, 1]]));
weight.indexPut_([4, 0], torch.tensor([[0, -1, 0], [-1, 4, -1], [0, -1, 0]]));

const y = torch.nn.functional.conv2d(x, weight);
console.log(y.size());
console.log(y.index(0, ':', 13, '8:18'));
