// "Pooling" (../shared/seeds/004): F.maxPool2d(x, [1, 2]) on a 2x2x6 tensor of random integers in
// [0, 3). The values are random: seeded as in max_pool2d.py.
import * as torch from 'cresset';
const F = torch.nn.functional;

torch.manualSeed(12);
const x = torch.empty(2, 2, 6).random_(3);
console.log(x);
console.log(F.maxPool2d(x, [1, 2]));
