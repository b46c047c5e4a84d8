import { parentPort, workerData } from 'node:worker_threads';
import './onnxruntime-environment';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import type {
  PostedTensor,
  PostedValue,
  SessionThreadData,
  SessionThreadReply,
  SessionThreadRequest,
} from './session-thread-protocol';

type TypedArray = Exclude<Tensor.DataType, string[]>;

/**
 * Entry point of the thread started by `ThreadedSession`: one ONNX Runtime session, whose runs (synchronous inside
 * onnxruntime-node) then block this thread instead of the caller's event loop. Runs one request at a time, in order.
 */
function serve(): void {
  const port = parentPort;
  if (!port) throw new Error('session-thread-worker must run in a worker thread');
  const post = (reply: SessionThreadReply, transfer: ArrayBuffer[] = []): void =>
    port.postMessage(reply, transfer);
  const { model, options } = workerData as SessionThreadData;
  // ONNX Runtime refuses data on a SharedArrayBuffer: such an input is copied into memory of this thread, kept per
  // feed for the next run (runs are sequential, so one copy per feed is enough).
  const ownCopies = new Map<string, TypedArray>();
  const unshared = (name: string, data: TypedArray): TypedArray => {
    if (!(data.buffer instanceof SharedArrayBuffer)) return data;
    let copy = ownCopies.get(name);
    if (copy?.constructor !== data.constructor || copy.length !== data.length) {
      const Typed = data.constructor as new (length: number) => TypedArray;
      ownCopies.set(name, (copy = new Typed(data.length)));
    }
    copy.set(data as never);
    return copy;
  };
  const feedsOf = (feeds: Record<string, PostedTensor>): Record<string, Tensor> =>
    Object.fromEntries(
      Object.entries(feeds).map(([name, { type, data, dims }]) => [
        name,
        new Tensor(
          type,
          Array.isArray(data) ? data : unshared(name, data as TypedArray),
          dims as number[],
        ),
      ]),
    );
  /** The outputs as plain data; the buffers of numeric tensors are moved to the caller. */
  const posted = (outputs: InferenceSession.ReturnType) => {
    const transfer: ArrayBuffer[] = [];
    const values: Record<string, PostedTensor | PostedValue> = {};
    for (const [name, output] of Object.entries(outputs)) {
      if (!(output instanceof Tensor)) {
        values[name] = { value: output };
        continue;
      }
      let data = output.data;
      if (!Array.isArray(data)) {
        const whole = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength;
        if (!whole) data = data.slice();
        transfer.push(data.buffer as ArrayBuffer);
      }
      values[name] = { type: output.type, dims: output.dims, data };
    }
    return { values, transfer };
  };

  InferenceSession.create(model, options).then(
    (session) => {
      let queue = Promise.resolve();
      port.on('message', (request: SessionThreadRequest) => {
        queue = queue.then(async () => {
          if (request.type === 'release') {
            await session.release();
            return post({ type: 'released' });
          }
          try {
            const { values, transfer } = posted(await session.run(feedsOf(request.feeds)));
            post({ type: 'ran', id: request.id, outputs: values }, transfer);
          } catch (error) {
            post({ type: 'run-failed', id: request.id, message: (error as Error).message });
          }
        });
      });
      post({
        type: 'ready',
        signature: {
          inputNames: session.inputNames,
          outputNames: session.outputNames,
          inputMetadata: session.inputMetadata,
          outputMetadata: session.outputMetadata,
        },
      });
    },
    (error: unknown) => post({ type: 'failed', message: (error as Error).message }),
  );
}

serve();
