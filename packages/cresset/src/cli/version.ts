/** The version of the cresset package, from its package.json (the same path from src/ and dist/). */
import * as fs from 'fs';
import * as path from 'path';

export const VERSION: string = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).version;
