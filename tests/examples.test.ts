/**
 * Every example with a `<name>.expected.txt` beside it runs and prints exactly that, so the
 * examples (the seed documents' snippets among them) never rot.
 */
import * as fs from 'fs';
import * as path from 'path';
import { format } from 'util';

const root = path.join(__dirname, '..', 'examples');

function findExamples(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return findExamples(p);
    return e.name.endsWith('.ts') && fs.existsSync(p.replace(/\.ts$/, '.expected.txt')) ? [p] : [];
  });
}

const examples = findExamples(root);

test('there are examples with expected output', () => {
  expect(examples.length).toBeGreaterThan(0);
});

describe.each(examples.map((p) => [path.relative(root, p), p]))('%s', (_name, file) => {
  test('prints its expected output', () => {
    const lines: string[] = [];
    const spy = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      lines.push(format(...args));
    });
    try {
      jest.isolateModules(() => {
        require(file);
      });
    } finally {
      spy.mockRestore();
    }
    const expected = fs.readFileSync(file.replace(/\.ts$/, '.expected.txt'), 'utf8');
    expect(lines.join('\n') + '\n').toBe(expected);
  });
});
