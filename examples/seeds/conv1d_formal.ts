// "Convolution" (../shared/seeds/004): the 1d examples (1, 2, 3, 4) * (3, 2) = (7, 12, 17) and the
// differential operator (-1, 1), with F.conv1d.
import * as torch from 'cresset';
const F = torch.nn.functional;

let x = torch.tensor([[[1, 2, 3, 4]]]);
let u = torch.tensor([[[3, 2]]]);
console.log(F.conv1d(x, u));

x = torch.tensor([[[0, 0, 0, 0, 1, 2, 3, 4, 4, 4, 4]]]);
u = torch.tensor([[[-1, 1]]]);
console.log(F.conv1d(x, u));
