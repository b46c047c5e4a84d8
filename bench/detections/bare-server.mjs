// The transport floor of the detections benchmark: a bare node:http server (run as its own process, like the app)
// that receives a whole upload into memory and answers a small JSON. Timing the same client and bodies against it
// shows what HTTP alone costs. Listens on 127.0.0.1:$PORT.
import { Buffer } from 'node:buffer';
import { createServer } from 'node:http';
import process from 'node:process';

createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const text = JSON.stringify({ received: Buffer.concat(chunks).length });
    res
      .writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(text),
      })
      .end(text);
  });
}).listen(Number(process.env.PORT), '127.0.0.1');
