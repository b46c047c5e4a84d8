/**
 * ONNX Runtime's Linux build starts Microsoft's telemetry SDK with the first session unless ORT_DISABLE_TELEMETRY
 * is set; that SDK leaves an empty `mat-debug-<pid>.log` (and a `.ses` file) in the temp directory at every start.
 * The native library reads the variable when it creates its environment (the first InferenceSession), so setting
 * it before onnxruntime-node is imported is enough. An explicit value from the caller's environment wins.
 */
// eslint-disable-next-line no-restricted-properties -- a native library's switch, not application configuration
process.env.ORT_DISABLE_TELEMETRY ??= '1';
