import * as torch from 'cresset';
const file = process.argv[2];
const seconds = Number(process.argv[3] ?? 5);
torch.setNumThreads(Number(process.argv[4] ?? torch.getNumThreads()));
const m = torch.onnx.load(file);
m.eval();
const x = torch.randn([1, 3, 224, 224]);
for (let i = 0; i < 2; i++) torch.noGrad(() => m.forward(x));
let n = 0;
const t0 = performance.now();
while (performance.now() - t0 < seconds * 1000) { torch.noGrad(() => m.forward(x)); n++; }
console.log(`resnet18 forward: ${((performance.now() - t0) / n).toFixed(1)} ms`);
