/**
 * ONNX's own checker on exported files as onnx.checker.check_model(path, full_check=True) runs it
 * (the C++ checker on the file, then strict shape inference into a scratch file, so no model is
 * parsed in Python), through /usr/bin/python3 with python3-onnx (as CI installs it). One Python run
 * checks many files; the result is the error text of each file that fails ('' when all pass).
 */
import { execFileSync } from 'child_process';

const SCRIPT = `
import os, sys, tempfile
from onnx import checker, shape_inference
for path in sys.argv[1:]:
    inferred = tempfile.mktemp(suffix='.onnx')
    try:
        checker.check_model(path)
        shape_inference.infer_shapes_path(path, inferred, check_type=True, strict_mode=True)
    except Exception as e:
        print(path + ': ' + str(e).replace('\\n', ' '))
    finally:
        if os.path.exists(inferred):
            os.remove(inferred)
`;

export function checkModels(paths: readonly string[]): string {
  return execFileSync('/usr/bin/python3', ['-c', SCRIPT, ...paths], { encoding: 'utf8' }).trim();
}
