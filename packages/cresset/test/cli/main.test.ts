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
  [['summary', '--input', '3x30x30'], 'cresset summary: lenet: input 3x30x30 is not supported; expected Cx32x32 or Cx28x28 (the flattened features must be 16x5x5)'],
  [['train', '--data', 'imagenet:/x'], 'cresset train: --data imagenet:/x: unknown dataset "imagenet"; expected synthetic, cifar10:DIR, fashion-mnist:DIR or mnist:DIR'],
  [['train', '--data', 'cifar10:/nonexistent', '--epochs', '1'], 'cresset train: CIFAR10: none of data_batch_1.bin found in /nonexistent'],
  [['train', '--epoch', '3'], "error: unknown option '--epoch'\n(Did you mean --epochs?)"],
  [['train', '--lr', '-1'], "error: option '--lr <rate>' argument '-1' is invalid. expected a number >= 0"],
  [['verify'], "error: required option '--weights <file>' not specified"],
  [['trian'], "error: unknown command 'trian'\n(Did you mean train?)"],
])('%j exits with 2 and says what was wrong', async (argv, msg) => {
  const r = await capture(() => main(argv));
  expect(r.code).toBe(2);
  expect(r.err.startsWith(msg)).toBe(true);
});

test('--help lists each option with its description and default; --version prints the package version', async () => {
  const help = await capture(() => main(['summary', '--help']));
  expect(help.code).toBe(0);
  expect(help.out).toMatch(/^Usage: cresset summary \[options\]\n/);
  expect(help.out).toMatch(/--input <CxHxW> +the shape of one input image \(default: "3x32x32"\)/);
  const version = await capture(() => main(['--version']));
  expect([version.code, version.out]).toEqual([0, require('../../package.json').version]);
  expect(version.out).toBe('0.1.0');
});

test('fashion-mnist:DIR needs the folder', () => {
  expect(() => resolveData('fashion-mnist')).toThrow('--data fashion-mnist: expected fashion-mnist:DIR, the folder holding the files');
});
