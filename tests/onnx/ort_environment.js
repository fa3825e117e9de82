/**
 * Jest environment for tests that run onnxruntime-node: its native binding makes typed arrays in
 * Node's own realm, which jest's sandbox does not recognise (instanceof Float32Array fails), so the
 * sandbox gets Node's typed-array constructors. Outside jest (the CLI, scripts) nothing is needed.
 */
const { TestEnvironment } = require('jest-environment-node');

class OrtEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of ['Float32Array', 'Float64Array', 'Int8Array', 'Uint8Array', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'BigInt64Array', 'BigUint64Array', 'ArrayBuffer']) {
      this.global[name] = globalThis[name];
    }
  }
}

module.exports = OrtEnvironment;
