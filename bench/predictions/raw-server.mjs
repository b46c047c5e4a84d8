// The baseline: a bare node:http server doing the same work as POST /api/v1/predictions/score
// (parse JSON, check the three features, one ONNX Runtime run, answer JSON) with nothing else.
import { createServer } from 'node:http';
import ort from 'onnxruntime-node';

const [modelPath, port] = process.argv.slice(2);
const session = await ort.InferenceSession.create(modelPath, {
  intraOpNumThreads: 1,
  interOpNumThreads: 1,
});

createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', async () => {
    try {
      const { feature1, feature2, feature3 } = JSON.parse(body);
      if (![feature1, feature2, feature3].every(Number.isFinite)) throw new Error('bad features');
      const input = new ort.Tensor(
        'float32',
        Float32Array.of(feature1, feature2, feature3),
        [1, 3],
      );
      const probability = (await session.run({ features: input })).probability.data[0];
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          probability,
          predictionResult: probability >= 0.5 ? 1 : 0,
          modelVersion: '1.0.0',
        }),
      );
    } catch {
      res.writeHead(400).end();
    }
  });
}).listen(Number(port), '127.0.0.1', () => process.send?.('ready'));
