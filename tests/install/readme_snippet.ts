/** The README's TypeScript example and the output its comments promise. */
import * as fs from 'fs';
import * as path from 'path';

export const README = path.join(__dirname, '..', '..', 'README.md');

/** The fenced blocks of a markdown text in the given language, in order. */
export function fencedBlocks(markdown: string, lang: string): string[] {
  const re = new RegExp('^```' + lang + '\\n([\\s\\S]*?)^```', 'gm');
  return [...markdown.matchAll(re)].map((m) => m[1]);
}

/** The README's first ```ts block. */
export function readmeExample(): string {
  const [block] = fencedBlocks(fs.readFileSync(README, 'utf8'), 'ts');
  if (!block) throw new Error('README.md has no ```ts block');
  return block;
}

/** What the example prints: the comment after each `console.log(...)`, with `\n` read as a newline. */
export function expectedOutput(example: string): string {
  return example.split('\n')
    .filter((line) => /^console\.log\(/.test(line))
    .map((line) => {
      const m = /\/\/ (.*)$/.exec(line);
      if (!m) throw new Error(`README example: no expected output after ${line}`);
      return m[1].trim().replace(/\\n/g, '\n') + '\n';
    })
    .join('');
}
