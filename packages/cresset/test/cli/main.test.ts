/** The command dispatcher: exit codes, and bad input reported as one line naming the command, without a stack. */
import { main } from '../../src/cli/main';
import { resolveData } from '../../src/cli/data_spec';

function capture(fn: () => Promise<number>): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [], err: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((s: string) => void out.push(s));
  const error = jest.spyOn(console, 'error').mockImplementation((s: string) => void err.push(s));
  return fn().then((code) => {
    log.mockRestore();
    error.mockRestore();
    return { code, out: out.join('\n'), err: err.join('\n') };
  });
}

test.each([
  [['summary', '--input', '3x30x30'], 2, 'cresset summary: lenet: input 3x30x30 is not supported; expected Cx32x32 or Cx28x28 (the flattened features must be 16x5x5)'],
  [['train', '--data', 'imagenet:/x'], 2, 'cresset train: --data imagenet:/x: unknown dataset "imagenet"; expected synthetic, cifar10:DIR, fashion-mnist:DIR or mnist:DIR'],
  [['train', '--data', 'cifar10:/nonexistent', '--epochs', '1'], 2, 'cresset train: CIFAR10: none of data_batch_1.bin found in /nonexistent'],
  [['train', '--bogus'], 2, "cresset train: Unknown option '--bogus'"],
  [['frob'], 2, 'cresset: unknown command "frob"'],
])('%j exits with %d and says what was wrong', async (argv, code, msg) => {
  const r = await capture(() => main(argv));
  expect(r.code).toBe(code);
  expect(r.err.split('\n')[0]).toBe(msg);
});

test('--help prints the command\'s usage', async () => {
  const r = await capture(() => main(['summary', '--help']));
  expect([r.code, r.out]).toEqual([0, 'usage: cresset summary [--model lenet] [--input 3x32x32]']);
});

test('fashion-mnist:DIR needs the folder', () => {
  expect(() => resolveData('fashion-mnist')).toThrow('--data fashion-mnist: expected fashion-mnist:DIR, the folder holding the files');
});
