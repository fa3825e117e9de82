/**
 * ONNX's own checker (onnx.checker.check_model with full_check, which runs shape inference) on
 * exported files, through /usr/bin/python3 with python3-onnx (as CI installs it). One Python run
 * checks many files; the result is the error text of each file that fails ('' when all pass).
 */
import { execFileSync } from 'child_process';

const SCRIPT = `
import sys, onnx
for path in sys.argv[1:]:
    try:
        onnx.checker.check_model(onnx.load(path), full_check=True)
    except Exception as e:
        print(path + ': ' + str(e).replace('\\n', ' '))
`;

export function checkModels(paths: readonly string[]): string {
  return execFileSync('/usr/bin/python3', ['-c', SCRIPT, ...paths], { encoding: 'utf8' }).trim();
}
