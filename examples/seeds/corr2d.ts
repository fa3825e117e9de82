// The cross-correlation part of the seed "Conv layers" (../shared/seeds/002_b323558def4f1374.txt):
// corr2d by hand, the 3x3 example, the vertical-edge detector X and K, and X.t().
import * as torch from 'cresset';

function corr2d(X: torch.Tensor, K: torch.Tensor): torch.Tensor {
  const [h, w] = K.shape;
  const Y = torch.zeros([X.shape[0] - h + 1, X.shape[1] - w + 1]);
  for (let i = 0; i < Y.shape[0]; i++) {
    for (let j = 0; j < Y.shape[1]; j++) {
      Y.indexPut_([i, j], X.index([i, i + h], [j, j + w]).mul(K).sum()); // Y[i,j] = (X[i:i+h, j:j+w] * K).sum()
    }
  }
  return Y;
}

let X = torch.tensor([[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [6.0, 7.0, 8.0]]);
let K = torch.tensor([[0.0, 1.0], [2.0, 3.0]]);
console.log(corr2d(X, K));

// An experiment to show why kernel is useful
X = torch.ones([6, 8]);
X.indexPut_([':', '2:6'], 0); // X[:, 2:6] = 0
console.log(X);

K = torch.tensor([[1.0, -1.0]]);
const Y = corr2d(X, K);
console.log(Y);

console.log(corr2d(X.t(), K));
