// corr2d of the seed "Conv layers" (../shared/seeds/002), as a function the seed's later sections
// (learning_a_kernel.ts, conv2d_from_scratch.ts) import: Y[i, j] = (X[i:i+h, j:j+w] * K).sum().
import * as torch from 'cresset';

export function corr2d(X: torch.Tensor, K: torch.Tensor): torch.Tensor {
  const [h, w] = K.shape;
  const Y = torch.zeros([X.shape[0] - h + 1, X.shape[1] - w + 1]);
  for (let i = 0; i < Y.shape[0]; i++) {
    for (let j = 0; j < Y.shape[1]; j++) Y.indexPut_([i, j], X.index([i, i + h], [j, j + w]).mul(K).sum());
  }
  return Y;
}
